import Foundation
import KubeClient
import KubeModel
import Logging
import SympoziumAPI

/// The short form of a run: a task for an instance, the rest filled from the
/// instance as `sympozium run` does. Used by `POST /api/v1/runs` and by the
/// WebSocket's `run` frames.
public struct RunRequest: Codable, Sendable, Hashable {
    public var instance: String
    public var task: String
    public var model: String?
    public var provider: String?
    public var baseURL: String?
    /// Namespace of the instance (default: the request's).
    public var namespace: String?

    public init(instance: String, task: String, model: String? = nil, provider: String? = nil, baseURL: String? = nil, namespace: String? = nil) {
        self.instance = instance
        self.task = task
        self.model = model
        self.provider = provider
        self.baseURL = baseURL
        self.namespace = namespace
    }
}

/// Starts runs from their short form.
struct RunStarter: Sendable {
    let client: KubeClient

    func start(_ request: RunRequest, namespace: String, logger: Logger) async throws -> AgentRun {
        var causes: [APIError.Cause] = []
        if !Names.isDNSSubdomain(request.instance) {
            causes.append(APIError.Cause(field: "instance", message: "must name a SympoziumInstance"))
        }
        if request.task.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            causes.append(APIError.Cause(field: "task", message: "must say what the agent should do"))
        }
        guard causes.isEmpty else {
            throw APIError.invalid("the run request is invalid: \(causes.map { "\($0.field ?? ""): \($0.message)" }.joined(separator: "; "))", causes: causes)
        }
        guard let instance = try await Api<SympoziumInstance>(client, namespace: namespace).getIfExists(request.instance) else {
            throw APIError(
                .unprocessableContent, code: APIError.Code.instanceNotFound,
                "SympoziumInstance \"\(request.instance)\" does not exist in namespace \(namespace)")
        }
        let overrides = AgentRunOverrides(model: request.model, provider: request.provider, baseURL: request.baseURL)
        let run = AgentRun.task(request.task, for: instance, namespace: namespace, overrides: overrides)
        try ResourceRoutes<AgentRun>.validate(run)
        let created = try await Api<AgentRun>(client, namespace: namespace).create(run)
        logger.info(
            "run started",
            metadata: [
                "k8s.kind": "\(AgentRun.kind)", "k8s.namespace": "\(namespace)", "k8s.name": "\(created.metadata.name ?? "")",
                "sympozium.instance": "\(request.instance)",
            ])
        return created
    }
}
