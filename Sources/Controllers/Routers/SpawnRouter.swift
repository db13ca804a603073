import EventBus
import Foundation
import KubeClient
import KubeModel
import Logging
import SympoziumAPI

/// agent.spawn.request → a child AgentRun of the same instance, one level
/// deeper than its parent and owned by it. Depth and concurrency are judged
/// by admission and by the AgentRun controller, like any run.
struct SpawnRouter: Sendable {
    let client: KubeClient
    let logger: Logger

    var routes: [EventRoute] {
        [EventRoute(pattern: EventTopic.agentSpawnRequest, durableName: "sympozium-spawn-router") { try await spawn($0) }]
    }

    func spawn(_ event: BusEvent) async throws -> RouteOutcome {
        guard let request = try? event.decodeData(as: SpawnRequest.self), !request.task.isEmpty else {
            return .reject("agent.spawn.request data is not a spawn request")
        }
        guard let parentName = event.metadata[EventMetadata.agentRunID], let namespace = event.metadata[EventMetadata.namespace] else {
            return .reject("agent.spawn.request without agentRunID and namespace metadata")
        }
        guard let parent = try await Api<AgentRun>(client, namespace: namespace).getIfExists(parentName) else {
            return .reject("parent run \(namespace)/\(parentName) does not exist")
        }
        let instance = try await Api<SympoziumInstance>(client, namespace: namespace).getIfExists(parent.spec.instanceRef)
        let digest = StableDigest.hex([parentName, request.requestId])
        var spec = parent.spec
        if let instance { spec = RunTemplate.spec(for: instance, task: request.task, sessionKey: "") }
        spec.task = request.task
        spec.systemPrompt = request.systemPrompt
        spec.agentId = request.agentId ?? parent.spec.agentId
        spec.sessionKey = "\(parent.spec.sessionKey)/\(request.requestId)"
        spec.parent = ParentRunRef(runName: parentName, sessionKey: parent.spec.sessionKey, spawnDepth: parent.spec.spawnDepth + 1)
        spec.skills = request.skills.isEmpty ? parent.spec.skills : request.skills.map { SkillRef(skillPackRef: $0) }
        spec.toolPolicy = parent.spec.toolPolicy
        spec.sandbox = parent.spec.sandbox
        spec.timeout = parent.spec.timeout
        var child = AgentRun(metadata: ObjectMeta(name: "\(parentName.prefix(40))-sub-\(digest.prefix(10))", namespace: namespace), spec: spec)
        child.metadata.labels = [SympoziumLabel.instance: parent.spec.instanceRef, "sympozium.ai/parent-run": parentName]
        child.metadata.annotations = [RouterAnnotation.spawnRequestID: request.requestId, RouterAnnotation.source: "spawn"]
        child.metadata.ownerReferences = [parent.ownerReference]
        do {
            _ = try await Api<AgentRun>(client, namespace: namespace).create(child)
            logger.info("sub-agent run created", metadata: ["agent.run": "\(child.metadata.name ?? "")", "parent": "\(parentName)"])
        } catch let error as KubeAPIError where error.isAlreadyExists {
        } catch let error as KubeAPIError where error.status.code == 403 || error.status.code == 422 {
            return .reject("the sub-agent run was refused: \(error.status.message ?? "")")
        }
        return .done
    }
}
