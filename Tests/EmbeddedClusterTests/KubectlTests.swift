import ClusterTestSupport
import Foundation
import Testing

/// The acceptance checks of the embedded control plane, as a user runs them:
/// real kubectl against a real server.
@Suite("kubectl against the embedded API server", .serialized)
struct KubectlTests {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    func withCluster(_ body: (TestCluster) async throws -> Void) async throws {
        guard SystemComponent.kubectl != nil else { return }
        let cluster = try await TestCluster.start()
        do {
            try await body(cluster)
        } catch {
            await cluster.stopAndRemove()
            throw error
        }
        await cluster.stopAndRemove()
    }

    @Test func discoveryAndNamespaces() async throws {
        try await withCluster { cluster in
            let namespaces = try await cluster.kubectlOK(["get", "namespaces", "-o", "name"])
            for name in ["default", "kube-system", "sympozium-system"] {
                #expect(namespaces.contains("namespace/\(name)"))
            }
            let resources = try await cluster.kubectlOK(["api-resources", "-o", "name"])
            #expect(resources.contains("configmaps"))
            #expect(resources.contains("deployments.apps"))
            let version = try await cluster.kubectlOK(["version", "-o", "json"])
            #expect(version.contains("serverVersion"))
        }
    }

    @Test func applyConfigMapClientSideAndDeploymentServerSide() async throws {
        try await withCluster { cluster in
            let configMap = """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: settings
                data:
                  mode: fast
                """
            let created = try await cluster.kubectlOK(["apply", "-f", "-"], stdin: configMap)
            #expect(created.contains("configmap/settings created"))
            let unchanged = try await cluster.kubectlOK(["apply", "-f", "-"], stdin: configMap)
            #expect(unchanged.contains("configmap/settings unchanged"))
            let changed = try await cluster.kubectlOK(["apply", "-f", "-"], stdin: configMap.replacingOccurrences(of: "fast", with: "slow"))
            #expect(changed.contains("configmap/settings configured"))
            #expect(try await cluster.kubectlOK(["get", "configmap", "settings", "-o", "jsonpath={.data.mode}"]) == "slow")

            let deployment = """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                spec:
                  replicas: 2
                  selector:
                    matchLabels: {app: web}
                  template:
                    metadata:
                      labels: {app: web}
                    spec:
                      containers:
                      - name: web
                        image: nginx:1.27
                        env:
                        - {name: A, value: "1"}
                """
            let applied = try await cluster.kubectlOK(["apply", "--server-side", "-f", "-"], stdin: deployment)
            #expect(applied.contains("deployment.apps/web serverside-applied"))
            let again = try await cluster.kubectlOK(
                ["apply", "--server-side", "-f", "-"], stdin: deployment.replacingOccurrences(of: "replicas: 2", with: "replicas: 3"))
            #expect(again.contains("serverside-applied"))
            #expect(try await cluster.kubectlOK(["get", "deploy", "web", "-o", "jsonpath={.spec.replicas}"]) == "3")
            let managers = try await cluster.kubectlOK(["get", "deploy", "web", "-o", "jsonpath={.metadata.managedFields[*].manager}", "--show-managed-fields"])
            #expect(managers.contains("kubectl"))
        }
    }

    @Test func crdsAndCustomResourcesWithPrinterColumns() async throws {
        try await withCluster { cluster in
            let crds = Self.packageRoot.appending(path: "config/crd/bases").path
            try await cluster.kubectlOK(["apply", "-f", crds])
            try await cluster.kubectlOK(["wait", "--for=condition=Established", "crd", "--all", "--timeout=30s"])
            try await cluster.kubectlOK(["apply", "-f", "-"], stdin: Self.customResources)
            // The task is owned by client-side apply: a server-side apply that changes it conflicts,
            // exactly as on a real cluster, until it forces ownership.
            let changed = Self.customResources.replacingOccurrences(of: "Check the cluster", with: "Check it again")
            let conflict = try await cluster.kubectl(["apply", "--server-side", "-f", "-"], stdin: changed)
            #expect(!conflict.succeeded)
            #expect(conflict.stderr.contains(#"conflict with "kubectl-client-side-apply""#))
            #expect(conflict.stderr.contains(".spec.task"))
            try await cluster.kubectlOK(["apply", "--server-side", "--force-conflicts", "-f", "-"], stdin: changed)
            #expect(try await cluster.kubectlOK(["get", "agentrun", "first-run", "-o", "jsonpath={.spec.task}"]) == "Check it again")
            let runs = try await cluster.kubectlOK(["get", "agentruns"])
            #expect(runs.contains("INSTANCE"))
            #expect(runs.contains("PHASE"))
            #expect(runs.contains("first-run"))
            #expect(runs.contains("alice"))
            let schedules = try await cluster.kubectlOK(["get", "sympoziumschedules"])
            #expect(schedules.contains("SCHEDULE"))
            #expect(schedules.contains("0 9 * * *"))
            let all = try await cluster.kubectlOK(["get", "sympozium", "-o", "name"])
            for kind in ["sympoziuminstance", "agentrun", "sympoziumpolicy", "skillpack", "sympoziumschedule"] {
                #expect(all.contains("\(kind).sympozium.ai/"), "category sympozium lists \(kind)")
            }
            let yaml = try await cluster.kubectlOK(["get", "sympoziumschedule", "nightly", "-o", "yaml"])
            #expect(yaml.contains("concurrencyPolicy: Forbid"), "defaults applied from the CRD schema")
            let bad = try await cluster.kubectl(["apply", "-f", "-"], stdin: Self.customResources.replacingOccurrences(of: "0 9 * * *", with: "0 9 * * *\n  concurrencyPolicy: Sometimes"))
            #expect(!bad.succeeded)
            #expect(bad.stderr.contains("Unsupported value: \"Sometimes\""))
        }
    }

    @Test func watchSeesCreateUpdateDelete() async throws {
        try await withCluster { cluster in
            guard let kubectl = SystemComponent.kubectl else { return }
            let watch = Task {
                try await ProcessRunner.run(
                    kubectl, ["get", "configmaps", "-w", "--output-watch-events", "--request-timeout=8s"],
                    environment: ["KUBECONFIG": cluster.kubeconfig.path, "HOME": cluster.directory.path], timeout: .seconds(20))
            }
            try await Task.sleep(for: .seconds(2))
            try await cluster.kubectlOK(["create", "configmap", "watched", "--from-literal=a=1"])
            try await cluster.kubectlOK(["label", "configmap", "watched", "tier=gold"])
            try await cluster.kubectlOK(["delete", "configmap", "watched"])
            let output = try await watch.value
            #expect(output.stdout.contains("ADDED"))
            #expect(output.stdout.contains("MODIFIED"))
            #expect(output.stdout.contains("DELETED"))
        }
    }

    @Test func describeLabelAnnotatePatch() async throws {
        try await withCluster { cluster in
            try await cluster.kubectlOK(["create", "configmap", "doc", "--from-literal=k=v"])
            try await cluster.kubectlOK(["label", "configmap", "doc", "team=agents"])
            try await cluster.kubectlOK(["annotate", "configmap", "doc", "note=hello"])
            let described = try await cluster.kubectlOK(["describe", "configmap", "doc"])
            #expect(described.contains("team=agents"))
            #expect(described.contains("note: hello") || described.contains("note=hello"))
            try await cluster.kubectlOK(["patch", "configmap", "doc", "--type", "merge", "-p", #"{"data":{"k":"merged"}}"#])
            try await cluster.kubectlOK(["patch", "configmap", "doc", "--type", "json", "-p", #"[{"op":"add","path":"/data/j","value":"json"}]"#])
            #expect(try await cluster.kubectlOK(["get", "cm", "doc", "-o", "jsonpath={.data.k}/{.data.j}"]) == "merged/json")
            let selected = try await cluster.kubectlOK(["get", "cm", "-l", "team=agents", "-o", "name"])
            #expect(selected.trimmingCharacters(in: .whitespacesAndNewlines) == "configmap/doc")
        }
    }

    @Test func finalizersAndOwnerCascade() async throws {
        try await withCluster { cluster in
            try await cluster.kubectlOK(["apply", "-f", "-"], stdin: """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: guarded
                  finalizers: [example.com/hold]
                """)
            try await cluster.kubectlOK(["delete", "configmap", "guarded", "--wait=false"])
            let held = try await cluster.kubectlOK(["get", "configmap", "guarded", "-o", "jsonpath={.metadata.deletionTimestamp}"])
            #expect(!held.isEmpty, "object stays with a deletionTimestamp")
            try await cluster.kubectlOK(["patch", "configmap", "guarded", "--type", "merge", "-p", #"{"metadata":{"finalizers":null}}"#])
            let gone = try await cluster.kubectl("get", "configmap", "guarded")
            #expect(!gone.succeeded && gone.stderr.contains("NotFound"))

            try await cluster.kubectlOK(["create", "configmap", "owner"])
            let uid = try await cluster.kubectlOK(["get", "configmap", "owner", "-o", "jsonpath={.metadata.uid}"])
            try await cluster.kubectlOK(["apply", "-f", "-"], stdin: """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: dependent
                  ownerReferences:
                  - {apiVersion: v1, kind: ConfigMap, name: owner, uid: \(uid), controller: true}
                """)
            try await cluster.kubectlOK(["delete", "configmap", "owner"])
            var removed = false
            for _ in 0..<50 where !removed {
                removed = !(try await cluster.kubectl("get", "configmap", "dependent")).succeeded
                if !removed { try await Task.sleep(for: .milliseconds(100)) }
            }
            #expect(removed, "the garbage collector deletes the dependent")
        }
    }

    @Test func authCanIAsServiceAccount() async throws {
        try await withCluster { cluster in
            try await cluster.kubectlOK(["create", "serviceaccount", "reader"])
            let denied = try await cluster.kubectl("auth", "can-i", "list", "pods", "--as=system:serviceaccount:default:reader")
            #expect(denied.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "no")
            try await cluster.kubectlOK(["create", "role", "pod-reader", "--verb=get,list", "--resource=pods"])
            try await cluster.kubectlOK(["create", "rolebinding", "reader-binding", "--role=pod-reader", "--serviceaccount=default:reader"])
            let allowed = try await cluster.kubectl("auth", "can-i", "list", "pods", "--as=system:serviceaccount:default:reader")
            #expect(allowed.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "yes")
            let secrets = try await cluster.kubectl("auth", "can-i", "list", "secrets", "-A", "--as=system:serviceaccount:default:reader")
            #expect(secrets.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "no")
            // The same through the service account's own token.
            let token = try await cluster.kubectlOK(["create", "token", "reader"]).trimmingCharacters(in: .whitespacesAndNewlines)
            let viaToken = try await cluster.kubectl("auth", "can-i", "list", "pods", "--token=\(token)")
            #expect(viaToken.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "yes")
            let forbidden = try await cluster.kubectl("get", "secrets", "-A", "--token=\(token)")
            #expect(forbidden.stderr.contains("forbidden"))
        }
    }

    static let customResources = """
        apiVersion: sympozium.ai/v1alpha1
        kind: SympoziumInstance
        metadata:
          name: alice
        spec:
          agents:
            default:
              model: gpt-4o
        ---
        apiVersion: sympozium.ai/v1alpha1
        kind: AgentRun
        metadata:
          name: first-run
        spec:
          instanceRef: alice
          agentId: default
          sessionKey: s-1
          task: Check the cluster
          model: {provider: openai, model: gpt-4o, authSecretRef: alice-openai}
        ---
        apiVersion: sympozium.ai/v1alpha1
        kind: SympoziumPolicy
        metadata:
          name: strict
        spec:
          sandboxPolicy: {required: true}
        ---
        apiVersion: sympozium.ai/v1alpha1
        kind: SkillPack
        metadata:
          name: notes
        spec:
          skills:
          - {name: notes, content: "# Notes"}
        ---
        apiVersion: sympozium.ai/v1alpha1
        kind: SympoziumSchedule
        metadata:
          name: nightly
        spec:
          instanceRef: alice
          schedule: 0 9 * * *
          task: Summarise
        """
}
