import Foundation
import KubeModel
@testable import LocalNode
import Testing

@Suite struct ImageMapTests {
    @Test func sympoziumImagesMapByRepositoryName() {
        let map = ImageMap(searchDirectories: ["/opt/sympozium/bin"])
        #expect(map.mapping(for: "ghcr.io/sympozium-ai/sympozium/agent-runner:v0.1.0") == "sympozium-agent-runner")
        #expect(map.mapping(for: "registry.local/x/ipc-bridge@sha256:abc") == "sympozium-ipc-bridge")
        #expect(map.mapping(for: "ghcr.io/alexsjones/sympozium/skill-k8s-ops:latest") == "sympozium-tool-executor")
        #expect(map.mapping(for: "ghcr.io/sympozium-ai/sympozium/channel-telegram:v1") == "sympozium-channel-telegram")
        #expect(map.mapping(for: "ghcr.io/sympozium-ai/sympozium/sandbox:v1") == ImageMap.host)
        #expect(map.mapping(for: "nginx:1.27") == nil)
    }

    @Test func explicitEntriesWinAndPrefixesMatch() throws {
        var map = ImageMap()
        try map.add(flags: ["nginx:1.27=/usr/bin/true", "example.com/tools/*=host", "ghcr.io/sympozium-ai/sympozium/agent-runner*=/bin/echo"])
        #expect(map.mapping(for: "nginx:1.27") == "/usr/bin/true")
        #expect(map.mapping(for: "example.com/tools/jq:1") == ImageMap.host)
        #expect(map.mapping(for: "ghcr.io/sympozium-ai/sympozium/agent-runner:v2") == "/bin/echo")
        #expect(map.resolve("nginx:1.27") == "/usr/bin/true")
        #expect(map.resolve("example.com/tools/jq:1") == ImageMap.host)
        #expect(throws: NodeError.self) { try map.add(flags: ["no-equals-sign"]) }
    }

    @Test func mapFileIsLoadedAndBadFilesAreRefused() throws {
        let directory = FileManager.default.temporaryDirectory.appending(path: "imagemap-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appending(path: "images.json")
        var map = ImageMap()
        try map.load(file: file)  // missing: nothing added
        try Data(#"{"busybox:1.36": "host"}"#.utf8).write(to: file)
        try map.load(file: file)
        #expect(map.mapping(for: "busybox:1.36") == ImageMap.host)
        try Data("[1, 2]".utf8).write(to: file)
        #expect(throws: NodeError.self) { try map.load(file: file) }
    }
}

@Suite struct NetworkIsolationRuleTests {
    static let pod = Pod(metadata: ObjectMeta(name: "p", namespace: "ns", labels: ["sympozium.ai/role": "agent"]))

    static func policy(_ egress: [NetworkPolicyEgressRule], namespace: String = "ns") -> NetworkPolicy {
        NetworkPolicy(
            metadata: ObjectMeta(name: "x", namespace: namespace),
            spec: NetworkPolicySpec(podSelector: LabelSelector(matchLabels: ["sympozium.ai/role": "agent"]), egress: egress, policyTypes: [.egress]))
    }

    static let dnsOnly = NetworkPolicyEgressRule(
        ports: [NetworkPolicyPort(protocol: .udp, port: .int(53))],
        to: [NetworkPolicyPeer(podSelector: LabelSelector(matchLabels: ["k8s-app": "kube-dns"]))])

    @Test func denyAllIsolatesAgentsButNotTheBridgeOrSkillSidecars() {
        let policies = [Self.policy([Self.dnsOnly])]
        #expect(NetworkIsolation.isolated(container: "agent", pod: Self.pod, policies: policies))
        #expect(!NetworkIsolation.isolated(container: "ipc-bridge", pod: Self.pod, policies: policies))
        #expect(!NetworkIsolation.isolated(container: "skill-k8s-ops", pod: Self.pod, policies: policies))
    }

    @Test func allowedEgressToAnAddressKeepsTheHostNetwork() {
        let llm = NetworkPolicyEgressRule(ports: [NetworkPolicyPort(protocol: .tcp, port: .int(443))], to: [NetworkPolicyPeer(ipBlock: IPBlock(cidr: "10.0.0.5/32"))])
        #expect(!NetworkIsolation.isolated(container: "agent", pod: Self.pod, policies: [Self.policy([Self.dnsOnly, llm])]))
    }

    @Test func policiesOfOtherNamespacesOrPodsDoNotApply() {
        #expect(!NetworkIsolation.isolated(container: "agent", pod: Self.pod, policies: [Self.policy([], namespace: "other")]))
        let other = Pod(metadata: ObjectMeta(name: "q", namespace: "ns", labels: ["app": "web"]))
        #expect(!NetworkIsolation.isolated(container: "agent", pod: other, policies: [Self.policy([])]))
        #expect(!NetworkIsolation.isolated(container: "agent", pod: Self.pod, policies: []))
    }
}

@Suite struct EnvironmentExpansionTests {
    @Test func expandsDefinedVariablesAndKeepsTheRest() {
        let environment = ["A": "1", "B": "two"]
        #expect(EnvironmentResolver.expand("$(A)-$(B)", environment) == "1-two")
        #expect(EnvironmentResolver.expand("$(MISSING)", environment) == "$(MISSING)")
        #expect(EnvironmentResolver.expand("$$(A)", environment) == "$(A)")
        #expect(EnvironmentResolver.expand("plain $", environment) == "plain $")
    }
}
