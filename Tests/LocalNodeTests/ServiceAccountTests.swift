import ClusterTestSupport
import Foundation
import KubeClient
import KubeModel
import LocalNode
import Testing

@Suite struct ServiceAccountTests {
    static let rbac = """
        apiVersion: v1
        kind: Namespace
        metadata: {name: run-ns}
        ---
        apiVersion: v1
        kind: ServiceAccount
        metadata: {name: skill-sa, namespace: run-ns}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: {name: pod-reader, namespace: run-ns}
        rules:
        - apiGroups: [""]
          resources: ["pods"]
          verbs: ["get", "list"]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: pod-reader, namespace: run-ns}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: pod-reader}
        subjects:
        - {kind: ServiceAccount, name: skill-sa, namespace: run-ns}
        """

    /// A skill sidecar shaped like the AgentRun's: kubectl with a projected
    /// token at the service-account path, reaching the embedded API server.
    @Test func kubectlSidecarIsLimitedByItsRBACAndItsTokenDiesWithThePod() async throws {
        guard NodeCluster.bwrapAvailable, let kubectl = SystemComponent.kubectl else { return }
        try await NodeCluster.with { cluster in
            let applied = try await cluster.kubectl("apply", "-f", "-", stdin: Self.rbac)
            #expect(applied.succeeded, "\(applied.stderr)")
            let script = """
                echo "namespace $(cat /var/run/secrets/kubernetes.io/serviceaccount/namespace)"
                \(kubectl) get pods -n run-ns -o name && echo "list pods: ok"
                \(kubectl) get secrets -A 2>&1 | grep -q Forbidden && echo "list secrets: forbidden"
                sleep 600
                """
            var spec = PodSpec(
                volumes: [
                    Volume(name: "tmp", emptyDir: EmptyDirVolumeSource()),
                    Volume(
                        name: "skill-token",
                        projected: ProjectedVolumeSource(sources: [
                            VolumeProjection(serviceAccountToken: ServiceAccountTokenProjection(expirationSeconds: 3600, path: "token")),
                            VolumeProjection(
                                downwardAPI: DownwardAPIProjection(items: [
                                    DownwardAPIVolumeFile(path: "namespace", fieldRef: ObjectFieldSelector(apiVersion: "v1", fieldPath: "metadata.namespace"))
                                ])),
                            VolumeProjection(
                                configMap: ConfigMapProjection(name: "kube-root-ca.crt", items: [KeyToPath(key: "ca.crt", path: "ca.crt")], optional: true)),
                        ])),
                ],
                containers: [
                    Container(
                        name: "skill-k8s", image: "test/host:1", command: ["/bin/sh", "-c", script], env: [EnvVar(name: "HOME", value: "/tmp")],
                        volumeMounts: [
                            VolumeMount(name: "tmp", mountPath: "/tmp"),
                            VolumeMount(name: "skill-token", mountPath: "/var/run/secrets/kubernetes.io/serviceaccount", readOnly: true),
                        ],
                        securityContext: SecurityContext(capabilities: Capabilities(drop: ["ALL"]), runAsUser: 1000, readOnlyRootFilesystem: true))
                ], restartPolicy: .never, serviceAccountName: "skill-sa", automountServiceAccountToken: false)
            spec.terminationGracePeriodSeconds = 1
            let api = Api<Pod>(cluster.client, namespace: "run-ns")
            let created = try await api.create(Pod(metadata: ObjectMeta(name: "sidecar", namespace: "run-ns"), spec: spec))
            let logs = try await cluster.eventually("the sidecar's kubectl calls", timeout: .seconds(60)) { () async throws -> String? in
                let logs = try await cluster.kubectl("logs", "-n", "run-ns", "sidecar")
                return logs.stdout.contains("list secrets") || logs.stdout.contains("error") ? logs.stdout : nil
            }
            #expect(logs.contains("namespace run-ns"), "\(logs)")
            #expect(logs.contains("pod/sidecar"), "\(logs)")
            #expect(logs.contains("list pods: ok"), "\(logs)")
            #expect(logs.contains("list secrets: forbidden"), "\(logs)")

            // The token is bound to the pod: once the pod is gone it stops working.
            let tokenFile = cluster.directory.appending(path: "node/pods/\(created.metadata.uid ?? "")/volumes/skill-token/token")
            let token = try String(contentsOf: tokenFile, encoding: .utf8)
            let before = try await cluster.kubectl("get", "pods", "-n", "run-ns", "--token", token)
            #expect(before.succeeded, "\(before.stderr)")
            _ = try await api.delete("sidecar")
            _ = try await cluster.eventually("the pod to be gone") { () async throws -> Bool? in
                try await api.getIfExists("sidecar") == nil ? true : nil
            }
            let after = try await cluster.kubectl("get", "pods", "-n", "run-ns", "--token", token)
            #expect(!after.succeeded)
            #expect(after.stderr.contains("Unauthorized") || after.stderr.contains("credentials"), "\(after.stderr)")
        }
    }
}
