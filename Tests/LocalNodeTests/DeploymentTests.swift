import ClusterTestSupport
import Foundation
import KubeClient
import KubeModel
import LocalNode
import Testing

@Suite struct DeploymentTests {
    static func deployment(_ name: String, replicas: Int32, script: String) -> Deployment {
        var template = PodTemplateSpec(
            metadata: ObjectMeta(labels: ["app": name]),
            spec: PodSpec(containers: [Container(name: "main", image: "test/host:1", command: ["/bin/sh", "-c", script])]))
        template.spec.terminationGracePeriodSeconds = 1
        return Deployment(
            metadata: ObjectMeta(name: name, namespace: "default"),
            spec: DeploymentSpec(replicas: replicas, selector: LabelSelector(matchLabels: ["app": name]), template: template))
    }

    /// Get, change, replace; again on a conflict (the controller writes status meanwhile).
    static func update(_ api: Api<Deployment>, _ change: (inout Deployment) -> Void) async throws {
        for attempt in 1...10 {
            var deployment = try await api.get("web")
            change(&deployment)
            do {
                _ = try await api.replace(deployment)
                return
            } catch let error as KubeAPIError where error.isConflict && attempt < 10 {}
        }
    }

    @Test func keepsReplicasRunningRestartsThemAndRollsOutTemplateChanges() async throws {
        guard NodeCluster.bwrapAvailable else { return }
        try await NodeCluster.with { cluster in
            let api = Api<Deployment>(cluster.client, namespace: "default")
            let pods = Api<Pod>(cluster.client, namespace: "default")
            _ = try await api.create(Self.deployment("web", replicas: 2, script: "echo v1; exec sleep 600"))
            _ = try await cluster.eventually("2 ready replicas") { () async throws -> Bool? in
                try await api.get("web").status?.readyReplicas == 2 ? true : nil
            }
            let first = try await pods.list(ListParameters(labelSelector: "app=web")).items
            #expect(first.count == 2)

            // A container that exits is restarted in place (restartPolicy Always).
            try await Self.update(api) { $0.spec.template.spec.containers[0].command = ["/bin/sh", "-c", "echo v2; sleep 0.2; exit 1"] }
            _ = try await cluster.eventually("a v2 pod to restart its container") { () async throws -> Bool? in
                let items = try await pods.list(ListParameters(labelSelector: "app=web")).items
                return items.contains { ($0.status?.containerStatuses.first?.restartCount ?? 0) >= 1 } ? true : nil
            }

            // A new template rolls out: v3 pods replace the others.
            try await Self.update(api) { $0.spec.template.spec.containers[0].command = ["/bin/sh", "-c", "echo v3; exec sleep 600"] }
            let rolled = try await cluster.eventually("the v3 rollout", timeout: .seconds(45)) { () async throws -> [Pod]? in
                let deployment = try await api.get("web")
                let items = try await pods.list(ListParameters(labelSelector: "app=web")).items
                let status = deployment.status
                return status?.readyReplicas == 2 && status?.updatedReplicas == 2 && items.count == 2 ? items : nil
            }
            let hashes = Set(rolled.compactMap { $0.metadata.labels["pod-template-hash"] })
            #expect(hashes.count == 1)
            #expect(Set(rolled.compactMap(\.metadata.name)).isDisjoint(with: first.compactMap(\.metadata.name)))
            let deployment = try await api.get("web")
            #expect(deployment.status?.condition(.available)?.status == .true)
        }
    }
}
