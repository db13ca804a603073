import KubeClient
import KubeModel
import SympoziumAPI

/// Reads the engine's inputs from a Kubernetes API server (cluster mode).
public struct KubePolicyContext: PolicyContextSource {
    let client: KubeClient

    public init(client: KubeClient) {
        self.client = client
    }

    public func instance(namespace: String, name: String) async throws -> SympoziumInstance? {
        try await Api<SympoziumInstance>(client, namespace: namespace).getIfExists(name)
    }

    public func policy(namespace: String, name: String) async throws -> SympoziumPolicy? {
        try await Api<SympoziumPolicy>(client, namespace: namespace).getIfExists(name)
    }

    public func runsInFlight(namespace: String, instance: String, excluding: String?) async throws -> Int {
        try await Api<AgentRun>(client, namespace: namespace).list().items.filter {
            $0.spec.instanceRef == instance && $0.metadata.name != excluding && $0.isInFlight
        }.count
    }
}
