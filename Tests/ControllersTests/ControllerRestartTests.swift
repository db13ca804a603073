import ClusterTestSupport
import Controllers
import Foundation
import KubeClient
import KubeModel
import Logging
import ServiceLifecycle
import SympoziumAPI
import Testing

@Suite("The controller manager restarted with runs in flight", .serialized)
struct ControllerRestartTests {
    static let manifests = """
        apiVersion: sympozium.ai/v1alpha1
        kind: SkillPack
        metadata: {name: ops}
        spec:
          skills:
          - {name: kubectl, content: "# kubectl"}
          sidecar:
            image: example.com/skill-ops:1
            rbac:
            - {apiGroups: [""], resources: [pods], verbs: [get, list]}
            clusterRBAC:
            - {apiGroups: [""], resources: [nodes], verbs: [get]}
        ---
        apiVersion: sympozium.ai/v1alpha1
        kind: SympoziumPolicy
        metadata: {name: roomy}
        spec:
          subagentPolicy: {maxDepth: 3, maxConcurrent: 100}
        ---
        apiVersion: sympozium.ai/v1alpha1
        kind: SympoziumInstance
        metadata: {name: bob}
        spec:
          agents:
            default: {model: gpt-4o}
          skills:
          - {skillPackRef: ops}
          policyRef: roomy
          authRefs:
          - {provider: openai, secret: bob-openai}
        """

    /// A manager in its own ServiceGroup, stopped the way SIGTERM stops it.
    struct RunningManager {
        let group: ServiceGroup
        let task: Task<Void, any Error>

        static func start(_ client: KubeClient) -> RunningManager {
            var logger = Logger(label: "test.manager")
            logger.logLevel = .warning
            let group = ServiceGroup(services: [ControllerManager(client: client, logger: logger)], logger: logger)
            return RunningManager(group: group, task: Task { try await group.run() })
        }

        func stop() async {
            await group.triggerGracefulShutdown()
            _ = try? await task.value
        }
    }

    @Test("50 runs: each reaches a terminal phase exactly once across a restart, and no RBAC is orphaned")
    func restartWithRunsInFlight() async throws {
        let cluster = try await TestCluster.start()
        let client = try KubeClient(ClientConfiguration.fromKubeconfig(paths: [cluster.kubeconfig.path]))
        var manager: RunningManager?
        do {
            try await ControlPlane.installCRDs(client)
            try await cluster.kubectlOK(["apply", "-f", "-"], stdin: Self.manifests)
            manager = RunningManager.start(client)
            let runs = Api<AgentRun>(client, namespace: "default")
            let names = (0..<50).map { "r-\($0)" }
            for name in names {
                _ = try await runs.create(
                    AgentRun(
                        metadata: ObjectMeta(name: name, namespace: "default"),
                        spec: AgentRunSpec(
                            instanceRef: "bob", agentId: "default", task: "count to \(name)",
                            model: ModelSpec(provider: "openai", model: "gpt-4o", authSecretRef: "bob-openai"), sessionKey: name)))
            }
            try await waitFor(timeout: .seconds(90), "50 runs Running") {
                try await runs.list().items.filter { $0.status?.phase == .running }.count == 50
            }
            let jobUIDs = try await Dictionary(
                uniqueKeysWithValues: Api<Job>(client, namespace: "default").list().items.map { ($0.metadata.name ?? "", $0.metadata.uid ?? "") })
            #expect(jobUIDs.count == 50)

            // Half the Jobs finish while the manager runs; it stops mid-way; the rest finish while it is down.
            for (index, name) in names.prefix(25).enumerated() {
                try await finishJob(client, name: name, succeeded: index.isMultiple(of: 2))
            }
            await manager?.stop()
            for (index, name) in names.enumerated().dropFirst(25) {
                try await finishJob(client, name: name, succeeded: index.isMultiple(of: 2))
            }
            manager = RunningManager.start(client)

            try await waitFor(timeout: .seconds(90), "every run terminal") {
                try await runs.list().items.filter { $0.status?.phase?.isTerminal == true }.count == 50
            }
            let finished = try await runs.list().items
            for run in finished {
                let index = Int(run.metadata.name?.dropFirst(2) ?? "") ?? -1
                #expect(run.status?.phase == (index.isMultiple(of: 2) ? .succeeded : .failed), "\(run.metadata.name ?? "")")
            }
            // No Job was created twice.
            let jobsAfter = try await Api<Job>(client, namespace: "default").list().items
            for job in jobsAfter {
                #expect(jobUIDs[job.metadata.name ?? ""] == job.metadata.uid, "Job \(job.metadata.name ?? "") was recreated")
            }
            // Exactly one terminal Event per run.
            let events = try await Api<Event>(client, namespace: "default").list().items.filter { $0.involvedObject.kind == "AgentRun" }
            for name in names {
                let terminal = events.filter { $0.involvedObject.name == name && ["Succeeded", "Failed"].contains($0.reason ?? "") }
                let count = terminal.reduce(0) { $0 + Int($1.count ?? 1) }
                #expect(count == 1, "run \(name) has \(count) terminal events")
            }
            // No cluster RBAC left behind; namespaced RBAC is owned by its run.
            let selector = ListParameters(labelSelector: SympoziumLabel.agentRun)
            try await waitFor("cluster RBAC cleaned up") {
                let roles = try await Api<ClusterRole>(client).list(selector).items
                let bindings = try await Api<ClusterRoleBinding>(client).list(selector).items
                return roles.isEmpty && bindings.isEmpty
            }
            for role in try await Api<Role>(client, namespace: "default").list().items {
                #expect(role.metadata.ownerReferences.first?.kind == "AgentRun")
            }
        } catch {
            await manager?.stop()
            try? await client.shutdown()
            await cluster.stopAndRemove()
            throw error
        }
        await manager?.stop()
        try? await client.shutdown()
        await cluster.stopAndRemove()
    }
}
