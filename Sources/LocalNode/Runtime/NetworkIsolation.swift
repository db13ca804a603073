import KubeModel

/// Decides which containers get a private network namespace. bubblewrap's
/// isolation is all or nothing per container, so the rule is:
///
/// A container is isolated when at least one NetworkPolicy in its namespace
/// selects its pod with policyType Egress, and none of the policies selecting
/// it has an egress rule that can reach outside the cluster: a rule with no
/// `to` (any destination) or with an ipBlock (how allowedEgress entries such
/// as an LLM provider's address are written). Rules naming only pods or
/// namespaces (DNS, the event bus) do not open the host network.
///
/// Exempt: containers named `ipc-bridge` (they carry the agent's traffic to
/// the event bus) and skill sidecars (`skill-*`, which reach the API server
/// at KUBERNETES_SERVICE_HOST with their own RBAC).
enum NetworkIsolation {
    static let exemptNames: Set<String> = ["ipc-bridge"]
    static let exemptPrefixes = ["skill-"]

    static func isolated(container: String, pod: Pod, policies: [NetworkPolicy]) -> Bool {
        if exemptNames.contains(container) || exemptPrefixes.contains(where: container.hasPrefix) { return false }
        return podDeniesEgress(pod, policies: policies)
    }

    static func podDeniesEgress(_ pod: Pod, policies: [NetworkPolicy]) -> Bool {
        let selecting = policies.filter { policy in
            policy.metadata.namespace == pod.metadata.namespace
                && (policy.spec.policyTypes.contains(.egress) || (!policy.spec.egress.isEmpty && policy.spec.policyTypes.isEmpty))
                && policy.spec.podSelector.matches(pod.metadata.labels)
        }
        guard !selecting.isEmpty else { return false }
        let opensHost = selecting.contains { policy in
            policy.spec.egress.contains { rule in rule.to.isEmpty || rule.to.contains { $0.ipBlock != nil } }
        }
        return !opensHost
    }
}
