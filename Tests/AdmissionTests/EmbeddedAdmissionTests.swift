import Admission
import ClusterTestSupport
import EmbeddedCluster
import Foundation
import KubeModel
import SympoziumAPI
import Testing

@Suite("The policy engine in the embedded API server's admission chain", .serialized)
struct EmbeddedAdmissionTests {
    static func run(_ name: String, extra: String = "") -> String {
        """
        apiVersion: sympozium.ai/v1alpha1
        kind: AgentRun
        metadata: {name: \(name)}
        spec:
          instanceRef: alice
          agentId: default
          task: look around
          sessionKey: s-\(name)
          model: {provider: openai, model: gpt-4o, authSecretRef: alice-openai}
        \(extra)
        """
    }

    @Test("kubectl apply of a run that breaks the restrictive policy is refused, naming the rule; a compliant one is mutated")
    func kubectlApply() async throws {
        let cluster = try await TestCluster.start(admission: AdmissionChain(plugins: [PolicyAdmissionPlugin()]))
        do {
            let crds = try SympoziumKinds.customResourceDefinitions.map { try JSONValue(encoding: $0).serializedJSON() }
            for crd in crds { try await cluster.kubectlOK(["apply", "-f", "-"], stdin: String(decoding: crd, as: UTF8.self)) }
            try await cluster.kubectlOK(["wait", "--for=condition=Established", "crd/agentruns.sympozium.ai", "--timeout=30s"])
            try await cluster.kubectlOK(["apply", "-f", Fixtures.compat.appending(path: "policies/restrictive.yaml").path])
            try await cluster.kubectlOK(
                ["apply", "-f", "-"],
                stdin: """
                    apiVersion: sympozium.ai/v1alpha1
                    kind: SympoziumInstance
                    metadata: {name: alice}
                    spec:
                      agents: {default: {model: gpt-4o}}
                      policyRef: restrictive
                    """)

            let refused = try await cluster.kubectl(["apply", "-f", "-"], stdin: Self.run("writer", extra: "  toolPolicy: {allow: [write_file]}"))
            #expect(!refused.succeeded)
            #expect(refused.stderr.contains("denied the request"), "\(refused.stderr)")
            #expect(refused.stderr.contains("rule spec.toolGating.rules[tool=write_file]"), "\(refused.stderr)")

            let unsandboxed = try await cluster.kubectl(["apply", "-f", "-"], stdin: Self.run("bare", extra: "  sandbox: {enabled: false}"))
            #expect(!unsandboxed.succeeded)
            #expect(unsandboxed.stderr.contains("rule spec.sandboxPolicy.required"), "\(unsandboxed.stderr)")

            try await cluster.kubectlOK(["apply", "-f", "-"], stdin: Self.run("fine"))
            let stored = try await cluster.kubectlOK(["get", "agentrun", "fine", "-o", "json"])
            let run = try JSONParser.parse(Data(stored.utf8)).decode(as: AgentRun.self)
            #expect(run.spec.sandbox?.enabled == true)
            #expect(run.spec.toolPolicy?.requireApproval == ["execute_command"])
            #expect(run.metadata.labels[SympoziumLabel.role] == "agent")
            #expect(run.metadata.labels[SympoziumLabel.sandbox] == "true")

            // Status writes and label edits of an admitted run are not judged again.
            try await cluster.kubectlOK(["label", "agentrun", "fine", "team=sre"])
        } catch {
            await cluster.stopAndRemove()
            throw error
        }
        await cluster.stopAndRemove()
    }
}
