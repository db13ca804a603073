import KubeClient
import KubeModel
import KubeRuntime

/// What every pod worker shares.
struct NodeContext: Sendable {
    let configuration: LocalNodeConfiguration
    let client: KubeClient
    let volumes: VolumePreparer
    let environment: EnvironmentResolver
    let policies: Store<NetworkPolicy>
    let registry: PodRegistry
    let onContainerStarted: (@Sendable (Pod, String) -> Void)?

    func networkPolicies() -> [NetworkPolicy] { policies.list() }
}
