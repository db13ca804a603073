import APIMachinery
import KubeModel
import Testing

/// Fixtures mirror what kubectl 1.32's typed `create` commands marshal.
@Suite("Protobuf decoding: core and RBAC kinds")
struct ProtobufCoreKindsTests {
    @Test func configMapWithLabelsAndData() throws {
        let body = ProtoWriter.envelope(apiVersion: "v1", kind: "ConfigMap") {
            $0.objectMeta(name: "app-config", namespace: "team-a", labels: ["app": "web", "tier": "fe"])
            $0.map(2, ["mode": "prod", "empty": ""])
        }
        let expected = try protobufExpectedJSON(
            #"""
            {"apiVersion":"v1","kind":"ConfigMap",
             "metadata":{"name":"app-config","namespace":"team-a","creationTimestamp":null,
                         "labels":{"app":"web","tier":"fe"}},
             "data":{"mode":"prod","empty":""}}
            """#)
        #expect(try KubernetesProtobuf.decode(body) == expected)
    }

    @Test func secretWithBinaryDataAndImmutable() throws {
        let body = ProtoWriter.envelope(apiVersion: "v1", kind: "Secret") {
            $0.objectMeta(name: "creds")
            $0.message(2) {
                $0.string(1, "blob")
                $0.bytes(2, [0x00, 0xFF, 0x10])
            }
            $0.message(2) {
                $0.string(1, "password")
                $0.bytes(2, Array("s3cr3t".utf8))
            }
            $0.string(3, "")
            $0.bool(5, true)
        }
        let expected = try protobufExpectedJSON(
            #"""
            {"apiVersion":"v1","kind":"Secret","metadata":{"name":"creds","creationTimestamp":null},
             "data":{"blob":"AP8Q","password":"czNjcjN0"},"immutable":true}
            """#)
        #expect(try KubernetesProtobuf.decode(body) == expected)
    }

    @Test func configMapBinaryDataIsBase64() throws {
        let body = ProtoWriter.envelope(apiVersion: "v1", kind: "ConfigMap") {
            $0.objectMeta(name: "bin")
            $0.message(3) {
                $0.string(1, "k")
                $0.bytes(2, [0xDE, 0xAD, 0xBE, 0xEF])
            }
        }
        let decoded = try KubernetesProtobuf.decode(body)
        #expect(decoded["binaryData"] == ["k": "3q2+7w=="])
    }

    @Test func namespaceWithEmptySpecAndStatus() throws {
        let body = ProtoWriter.envelope(apiVersion: "v1", kind: "Namespace") {
            $0.objectMeta(name: "dev")
            $0.message(2)
            $0.message(3) { $0.string(1, "") }
        }
        let expected = try protobufExpectedJSON(
            #"""
            {"apiVersion":"v1","kind":"Namespace","metadata":{"name":"dev","creationTimestamp":null},
             "spec":{},"status":{}}
            """#)
        #expect(try KubernetesProtobuf.decode(body) == expected)
    }

    @Test func serviceAccountWithSecretsAndOwnerReference() throws {
        let body = ProtoWriter.envelope(apiVersion: "v1", kind: "ServiceAccount") {
            $0.objectMeta(name: "robot", namespace: "ci") {
                $0.map(12, ["note": "x"])
                $0.message(13) {
                    $0.string(1, "Deployment")
                    $0.string(3, "web")
                    $0.string(4, "uid-1")
                    $0.string(5, "apps/v1")
                    $0.bool(6, true)
                }
                $0.strings(14, ["example.com/cleanup"])
            }
            $0.message(2) { $0.string(3, "robot-token") }
            $0.message(3) { $0.string(1, "regcred") }
            $0.bool(4, false)
        }
        let expected = try protobufExpectedJSON(
            #"""
            {"apiVersion":"v1","kind":"ServiceAccount",
             "metadata":{"name":"robot","namespace":"ci","creationTimestamp":null,"annotations":{"note":"x"},
               "ownerReferences":[{"apiVersion":"apps/v1","kind":"Deployment","name":"web","uid":"uid-1",
                                   "controller":true}],
               "finalizers":["example.com/cleanup"]},
             "secrets":[{"name":"robot-token"}],"imagePullSecrets":[{"name":"regcred"}],
             "automountServiceAccountToken":false}
            """#)
        #expect(try KubernetesProtobuf.decode(body) == expected)
    }

    @Test func clusterIPServiceFromKubectl() throws {
        let body = ProtoWriter.envelope(apiVersion: "v1", kind: "Service") {
            $0.objectMeta(name: "my-svc", labels: ["app": "my-svc"])
            $0.message(2) {
                $0.message(1) {
                    $0.string(1, "5678-8080")
                    $0.string(2, "TCP")
                    $0.int(3, 5678)
                    $0.message(4) {
                        $0.int(1, 0)
                        $0.int(2, 8080)
                        $0.string(3, "")
                    }
                    $0.int(5, 0)
                }
                $0.map(2, ["app": "my-svc"])
                $0.string(3, "")
                $0.string(4, "ClusterIP")
                for field in [7, 8, 10, 11] { $0.string(field, "") }
                $0.int(12, 0)
                $0.bool(13, false)
            }
            $0.message(3) { $0.message(1) }
        }
        let expected = try protobufExpectedJSON(
            #"""
            {"apiVersion":"v1","kind":"Service",
             "metadata":{"name":"my-svc","creationTimestamp":null,"labels":{"app":"my-svc"}},
             "spec":{"ports":[{"name":"5678-8080","protocol":"TCP","port":5678,"targetPort":8080}],
                     "selector":{"app":"my-svc"},"type":"ClusterIP"},
             "status":{"loadBalancer":{}}}
            """#)
        #expect(try KubernetesProtobuf.decode(body) == expected)
    }

    @Test func roleBindingWithSubjects() throws {
        let body = ProtoWriter.envelope(apiVersion: "rbac.authorization.k8s.io/v1", kind: "RoleBinding") {
            $0.objectMeta(name: "admins", namespace: "team-a")
            $0.message(2) {
                $0.string(1, "User")
                $0.string(2, "rbac.authorization.k8s.io")
                $0.string(3, "alice")
                $0.string(4, "")
            }
            $0.message(2) {
                $0.string(1, "ServiceAccount")
                $0.string(2, "")
                $0.string(3, "deployer")
                $0.string(4, "ci")
            }
            $0.message(3) {
                $0.string(1, "rbac.authorization.k8s.io")
                $0.string(2, "ClusterRole")
                $0.string(3, "admin")
            }
        }
        let expected = try protobufExpectedJSON(
            #"""
            {"apiVersion":"rbac.authorization.k8s.io/v1","kind":"RoleBinding",
             "metadata":{"name":"admins","namespace":"team-a","creationTimestamp":null},
             "subjects":[{"kind":"User","apiGroup":"rbac.authorization.k8s.io","name":"alice"},
                         {"kind":"ServiceAccount","name":"deployer","namespace":"ci"}],
             "roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"admin"}}
            """#)
        #expect(try KubernetesProtobuf.decode(body) == expected)
    }

    @Test func clusterRoleWithRulesAndAggregation() throws {
        let body = ProtoWriter.envelope(apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRole") {
            $0.objectMeta(name: "reader")
            $0.message(2) {
                $0.strings(1, ["get", "list"])
                $0.strings(2, [""])
                $0.strings(3, ["pods", "configmaps"])
            }
            $0.message(2) {
                $0.strings(1, ["get"])
                $0.strings(5, ["/healthz"])
            }
            $0.message(3) {
                $0.message(1) { $0.map(1, ["rbac.example.com/aggregate": "true"]) }
            }
        }
        let expected = try protobufExpectedJSON(
            #"""
            {"apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRole",
             "metadata":{"name":"reader","creationTimestamp":null},
             "rules":[{"verbs":["get","list"],"apiGroups":[""],"resources":["pods","configmaps"]},
                      {"verbs":["get"],"nonResourceURLs":["/healthz"]}],
             "aggregationRule":{"clusterRoleSelectors":[{"matchLabels":{"rbac.example.com/aggregate":"true"}}]}}
            """#)
        #expect(try KubernetesProtobuf.decode(body) == expected)
    }

    @Test func creationTimestampIsRFC3339() throws {
        let body = ProtoWriter.envelope(apiVersion: "v1", kind: "ConfigMap") {
            $0.message(1) {
                $0.string(1, "stamped")
                $0.time(8, seconds: 1_136_214_245)
                $0.time(9, seconds: 0)
                $0.int(10, 30)
            }
        }
        let metadata = try KubernetesProtobuf.decode(body)["metadata"]
        #expect(metadata?["creationTimestamp"] == "2006-01-02T15:04:05Z")
        #expect(metadata?["deletionTimestamp"] == "1970-01-01T00:00:00Z")
        #expect(metadata?["deletionGracePeriodSeconds"] == 30)
    }
}
