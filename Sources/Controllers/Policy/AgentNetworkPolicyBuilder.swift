import Foundation
import KubeModel
import SympoziumAPI

/// The NetworkPolicy that isolates a policy's agent pods: egress denied but
/// for DNS, the event bus and the allowed IP destinations. It selects the
/// labels the AgentRun controller puts on agent pods. Pure: no I/O.
struct AgentNetworkPolicyBuilder: Sendable {
    var policy: SympoziumPolicy
    var settings: ControllerSettings

    static func name(for policy: String) -> String { "sympozium-agents-\(policy)" }

    /// Hosts a NetworkPolicy cannot express (names rather than addresses).
    var unenforceableHosts: [String] {
        (policy.spec.networkPolicy?.allowedEgress ?? []).map(\.host).filter { Self.cidr($0) == nil }
    }

    /// nil when the policy asks for no isolation.
    func networkPolicy() -> NetworkPolicy? {
        guard let isolation = policy.spec.networkPolicy, isolation.denyAll ?? true, let name = policy.metadata.name else {
            return nil
        }
        var egress: [NetworkPolicyEgressRule] = []
        if isolation.allowDNS ?? true {
            egress.append(
                NetworkPolicyEgressRule(
                    ports: [NetworkPolicyPort(protocol: .udp, port: .int(53)), NetworkPolicyPort(protocol: .tcp, port: .int(53))],
                    to: [NetworkPolicyPeer(podSelector: LabelSelector(matchLabels: ["k8s-app": "kube-dns"]), namespaceSelector: LabelSelector())]))
        }
        if isolation.allowEventBus ?? true {
            egress.append(
                NetworkPolicyEgressRule(
                    ports: [NetworkPolicyPort(protocol: .tcp, port: .int(settings.eventBusPort))],
                    to: [
                        NetworkPolicyPeer(
                            podSelector: LabelSelector(matchLabels: settings.eventBusPodLabels),
                            namespaceSelector: LabelSelector(matchLabels: ["kubernetes.io/metadata.name": settings.eventBusNamespace]))
                    ]))
        }
        for rule in isolation.allowedEgress {
            guard let cidr = Self.cidr(rule.host) else { continue }
            let ports = rule.port.map { [NetworkPolicyPort(protocol: .tcp, port: .int($0))] } ?? []
            egress.append(NetworkPolicyEgressRule(ports: ports, to: [NetworkPolicyPeer(ipBlock: IPBlock(cidr: cidr))]))
        }
        var metadata = ObjectMeta(name: Self.name(for: name), namespace: policy.metadata.namespace, labels: [
            SympoziumLabel.managedBy: ControllerLabel.managedByValue,
        ])
        metadata.ownerReferences = [policy.ownerReference]
        return NetworkPolicy(
            metadata: metadata,
            spec: NetworkPolicySpec(
                podSelector: LabelSelector(matchLabels: [SympoziumLabel.role: "agent", ControllerLabel.policy: name]),
                egress: egress, policyTypes: [.egress]))
    }

    /// "10.0.0.0/8" stays; "10.1.2.3" becomes "/32" (or "/128"); names are nil.
    static func cidr(_ host: String) -> String? {
        let parts = host.split(separator: "/", maxSplits: 1).map(String.init)
        guard let address = parts.first else { return nil }
        var v4 = in_addr()
        var v6 = in6_addr()
        let isV4 = inet_pton(AF_INET, address, &v4) == 1
        let isV6 = !isV4 && inet_pton(AF_INET6, address, &v6) == 1
        guard isV4 || isV6 else { return nil }
        if parts.count == 2 {
            guard let bits = Int(parts[1]), bits >= 0, bits <= (isV4 ? 32 : 128) else { return nil }
            return host
        }
        return "\(address)/\(isV4 ? 32 : 128)"
    }
}
