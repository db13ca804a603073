import KubeClient
import KubeModel
import KubeRuntime
import SympoziumAPI

/// Keeps a policy's NetworkPolicy and counts the instances bound to it.
struct SympoziumPolicyReconciler: Reconciler {
    let client: KubeClient
    let settings: ControllerSettings
    let instances: Store<SympoziumInstance>

    func reconcile(_ policy: SympoziumPolicy, context: ReconcileContext) async throws -> ReconcileAction {
        guard let name = policy.metadata.name, let namespace = policy.metadata.namespace else { return .awaitChange }
        let builder = AgentNetworkPolicyBuilder(policy: policy, settings: settings)
        let writer = ChildWriter(client: client)
        if let networkPolicy = builder.networkPolicy() {
            try await writer.apply(networkPolicy)
        } else {
            try await writer.delete(NetworkPolicy.self, namespace: namespace, name: AgentNetworkPolicyBuilder.name(for: name))
        }
        var status = policy.status ?? SympoziumPolicyStatus()
        status.boundInstances = instances.list(namespace: namespace).filter { $0.spec.policyRef == name }.count
        let unenforceable = builder.unenforceableHosts
        if unenforceable.isEmpty {
            status.conditions.upsert(ReadyCondition.ready("Enforced", "the policy is in force", generation: policy.metadata.generation))
        } else {
            status.conditions.upsert(
                ReadyCondition.notReady(
                    "HostNamesNotEnforceable",
                    "a NetworkPolicy selects addresses, not names: allowedEgress \(unenforceable.joined(separator: ", ")) needs an IP or CIDR",
                    generation: policy.metadata.generation))
        }
        try await Api<SympoziumPolicy>(client).updateStatus(of: policy, to: status)
        return .awaitChange
    }
}
