import ClusterTestSupport
import Foundation
import KubeClient
import KubeModel
import LocalNode
import Testing

@Suite struct NetworkIsolationTests {
    /// The agent pod's NetworkPolicy denies egress (DNS and the event bus
    /// only): the agent container cannot connect out, the IPC bridge can.
    @Test func egressDenyIsolatesTheAgentButNotTheIPCBridge() async throws {
        guard NodeCluster.bwrapAvailable, FileManager.default.isExecutableFile(atPath: "/usr/bin/python3") else { return }
        try await NodeCluster.with { cluster in
            let policy = NetworkPolicy(
                metadata: ObjectMeta(name: "agents", namespace: "default"),
                spec: NetworkPolicySpec(
                    podSelector: LabelSelector(matchLabels: ["sympozium.ai/role": "agent"]),
                    egress: [
                        NetworkPolicyEgressRule(
                            ports: [NetworkPolicyPort(protocol: .udp, port: .int(53))],
                            to: [NetworkPolicyPeer(podSelector: LabelSelector(matchLabels: ["k8s-app": "kube-dns"]), namespaceSelector: LabelSelector())])
                    ],
                    policyTypes: [.egress]))
            _ = try await Api<NetworkPolicy>(cluster.client, namespace: "default").create(policy)
            // The API server listens on 127.0.0.1: a connection target on the host network.
            let connect = """
                import socket
                try:
                    socket.create_connection(("127.0.0.1", \(cluster.port)), 3).close(); print("connect: ok")
                except OSError as error:
                    print("connect: refused", error)
                """
            func container(_ name: String) -> Container {
                Container(name: name, image: "test/host:1", command: ["/usr/bin/python3", "-c", connect])
            }
            _ = try await cluster.eventually("the policy to be seen") { () async throws -> Bool? in
                try await Api<NetworkPolicy>(cluster.client, namespace: "default").getIfExists("agents") != nil ? true : nil
            }
            try await Task.sleep(for: .milliseconds(300))
            let pod = Pod(
                metadata: ObjectMeta(name: "agent-pod", namespace: "default", labels: ["sympozium.ai/role": "agent"]),
                spec: PodSpec(containers: [container("agent"), container("ipc-bridge")], restartPolicy: .never))
            let api = Api<Pod>(cluster.client, namespace: "default")
            _ = try await api.create(pod)
            _ = try await cluster.eventually("the pod to finish") { () async throws -> Bool? in
                try await api.get("agent-pod").status?.phase?.isTerminal == true ? true : nil
            }
            let agent = try await cluster.kubectl("logs", "agent-pod", "-c", "agent")
            let bridge = try await cluster.kubectl("logs", "agent-pod", "-c", "ipc-bridge")
            #expect(agent.stdout.contains("connect: refused"), "\(agent.stdout) \(agent.stderr)")
            #expect(bridge.stdout.contains("connect: ok"), "\(bridge.stdout) \(bridge.stderr)")
        }
    }
}
