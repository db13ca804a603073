import APIMachinery
import KubeModel
import Testing

@Suite("Protobuf decoding: workloads and reviews")
struct ProtobufWorkloadKindsTests {
    /// A container as Go marshals it: all non-pointer fields present.
    static func writeContainer(_ writer: inout ProtoWriter, name: String, image: String) {
        writer.string(1, name)
        writer.string(2, image)
        writer.string(5, "")
        writer.message(6) {
            $0.string(1, "")
            $0.int(2, 0)
            $0.int(3, 80)
            $0.string(4, "TCP")
            $0.string(5, "")
        }
        writer.message(7) {
            $0.string(1, "MODE")
            $0.string(2, "prod")
        }
        writer.message(7) {
            $0.string(1, "POD_NAME")
            $0.string(2, "")
            $0.message(3) {
                $0.message(1) {
                    $0.string(1, "v1")
                    $0.string(2, "metadata.name")
                }
            }
        }
        writer.message(8) {
            $0.message(1) {
                $0.string(1, "memory")
                $0.message(2) { $0.string(1, "128Mi") }
            }
        }
        for field in [13, 14] { writer.string(field, "") }
        for field in [16, 17, 18] { writer.bool(field, false) }
        writer.string(20, "")
    }

    /// A pod spec as Go marshals it for `kubectl create deployment`.
    static func writePodSpec(_ writer: inout ProtoWriter, restartPolicy: String = "") {
        writer.message(2) { writeContainer(&$0, name: "nginx", image: "nginx:1.27") }
        writer.string(3, restartPolicy)
        writer.string(6, "")
        for field in [8, 9, 10] { writer.string(field, "") }
        for field in [11, 12, 13] { writer.bool(field, false) }
        for field in [16, 17, 19, 24] { writer.string(field, "") }
    }

    @Test func deploymentWithOneContainerPortsAndEnv() throws {
        let body = ProtoWriter.envelope(apiVersion: "apps/v1", kind: "Deployment") {
            $0.objectMeta(name: "web", labels: ["app": "web"])
            $0.message(2) {
                $0.int(1, 3)
                $0.message(2) { $0.map(1, ["app": "web"]) }
                $0.message(3) {
                    $0.objectMeta(labels: ["app": "web"])
                    $0.message(2) { Self.writePodSpec(&$0) }
                }
                $0.message(4) { $0.string(1, "") }
                $0.int(5, 0)
                $0.bool(7, false)
            }
            $0.message(3) {
                for field in [1, 2, 3, 4, 5, 7] { $0.int(field, 0) }
            }
        }
        let expected = try protobufExpectedJSON(
            #"""
            {"apiVersion":"apps/v1","kind":"Deployment",
             "metadata":{"name":"web","creationTimestamp":null,"labels":{"app":"web"}},
             "spec":{"replicas":3,"selector":{"matchLabels":{"app":"web"}},
               "template":{"metadata":{"creationTimestamp":null,"labels":{"app":"web"}},
                 "spec":{"containers":[{"name":"nginx","image":"nginx:1.27",
                   "ports":[{"containerPort":80,"protocol":"TCP"}],
                   "env":[{"name":"MODE","value":"prod"},
                          {"name":"POD_NAME","valueFrom":{"fieldRef":{"apiVersion":"v1","fieldPath":"metadata.name"}}}],
                   "resources":{"limits":{"memory":"128Mi"}}}]}},
               "strategy":{}},
             "status":{}}
            """#)
        #expect(try KubernetesProtobuf.decode(body) == expected)
    }

    @Test func deploymentRollingUpdateIntOrString() throws {
        let body = ProtoWriter.envelope(apiVersion: "apps/v1", kind: "Deployment") {
            $0.message(2) {
                $0.int(1, 0)
                $0.message(4) {
                    $0.string(1, "RollingUpdate")
                    $0.message(2) {
                        $0.message(1) {
                            $0.int(1, 1)
                            $0.int(2, 0)
                            $0.string(3, "25%")
                        }
                        $0.message(2) {
                            $0.int(1, 0)
                            $0.int(2, 2)
                            $0.string(3, "")
                        }
                    }
                }
            }
        }
        let spec = try KubernetesProtobuf.decode(body)["spec"]
        #expect(spec?["replicas"] == 0)
        let rollingUpdate: JSONValue = ["maxUnavailable": "25%", "maxSurge": 2]
        #expect(spec?["strategy"] == ["type": "RollingUpdate", "rollingUpdate": rollingUpdate])
    }

    @Test func jobWithPolicyAndPackedValues() throws {
        let body = ProtoWriter.envelope(apiVersion: "batch/v1", kind: "Job") {
            $0.objectMeta(name: "pi")
            $0.message(2) {
                $0.int(1, 2)
                $0.int(3, 600)
                $0.message(6) {
                    $0.objectMeta()
                    $0.message(2) { Self.writePodSpec(&$0, restartPolicy: "Never") }
                }
                $0.int(7, 4)
                $0.int(8, 100)
                $0.message(11) {
                    $0.message(1) {
                        $0.string(1, "FailJob")
                        $0.message(2) {
                            $0.string(2, "In")
                            var packed = ProtoWriter()
                            packed.varint(42)
                            packed.varint(UInt64(bitPattern: -1))
                            $0.bytes(3, packed.bytes)
                            $0.int(3, 7)
                        }
                    }
                }
            }
            $0.message(3) {
                for field in [4, 5, 6] { $0.int(field, 0) }
                $0.string(7, "")
            }
        }
        let decoded = try KubernetesProtobuf.decode(body)
        let spec = decoded["spec"]
        #expect(spec?["parallelism"] == 2)
        #expect(spec?["activeDeadlineSeconds"] == 600)
        #expect(spec?["backoffLimit"] == 4)
        #expect(spec?["ttlSecondsAfterFinished"] == 100)
        #expect(spec?["template"]?["spec"]?["restartPolicy"] == "Never")
        #expect(
            spec?["podFailurePolicy"]
                == ["rules": [["action": "FailJob", "onExitCodes": ["operator": "In", "values": [42, -1, 7]]]]])
        #expect(decoded["status"] == [:])
    }

    @Test func selfSubjectAccessReviewFromCanI() throws {
        let body = ProtoWriter.envelope(apiVersion: "authorization.k8s.io/v1", kind: "SelfSubjectAccessReview") {
            $0.objectMeta()
            $0.message(2) {
                $0.message(1) {
                    $0.string(1, "default")
                    $0.string(2, "create")
                    $0.string(3, "")
                    $0.string(4, "")
                    $0.string(5, "pods")
                    $0.string(6, "")
                    $0.string(7, "")
                }
            }
            $0.message(3) {
                $0.bool(1, false)
                $0.string(2, "")
                $0.string(3, "")
                $0.bool(4, false)
            }
        }
        let expected = try protobufExpectedJSON(
            #"""
            {"apiVersion":"authorization.k8s.io/v1","kind":"SelfSubjectAccessReview",
             "metadata":{"creationTimestamp":null},
             "spec":{"resourceAttributes":{"namespace":"default","verb":"create","resource":"pods"}},
             "status":{"allowed":false}}
            """#)
        #expect(try KubernetesProtobuf.decode(body) == expected)
    }

    @Test func subjectAccessReviewWithUserGroupsAndExtra() throws {
        let body = ProtoWriter.envelope(apiVersion: "authorization.k8s.io/v1", kind: "SubjectAccessReview") {
            $0.message(2) {
                $0.message(2) {
                    $0.string(1, "/healthz")
                    $0.string(2, "get")
                }
                $0.string(3, "alice")
                $0.strings(4, ["dev", "ops"])
                $0.message(5) {
                    $0.string(1, "scopes")
                    $0.message(2) { $0.strings(1, ["a", "b"]) }
                }
                $0.string(6, "u-1")
            }
        }
        let spec = try KubernetesProtobuf.decode(body)["spec"]
        #expect(
            spec
                == [
                    "nonResourceAttributes": ["path": "/healthz", "verb": "get"], "user": "alice",
                    "groups": ["dev", "ops"], "extra": ["scopes": ["a", "b"]], "uid": "u-1",
                ])
    }

    @Test func tokenRequestWithBoundObject() throws {
        let body = ProtoWriter.envelope(apiVersion: "authentication.k8s.io/v1", kind: "TokenRequest") {
            $0.objectMeta(name: "robot")
            $0.message(2) {
                $0.strings(1, ["https://kubernetes.default.svc"])
                $0.message(3) {
                    $0.string(1, "Secret")
                    $0.string(2, "v1")
                    $0.string(3, "robot-token")
                    $0.string(4, "")
                }
                $0.int(4, 3600)
            }
            $0.message(3) {
                $0.string(1, "")
                $0.message(2)
            }
        }
        let expected = try protobufExpectedJSON(
            #"""
            {"apiVersion":"authentication.k8s.io/v1","kind":"TokenRequest",
             "metadata":{"name":"robot","creationTimestamp":null},
             "spec":{"audiences":["https://kubernetes.default.svc"],
                     "boundObjectRef":{"kind":"Secret","apiVersion":"v1","name":"robot-token"},
                     "expirationSeconds":3600},
             "status":{"token":"","expirationTimestamp":null}}
            """#)
        #expect(try KubernetesProtobuf.decode(body) == expected)
    }

    @Test func podVolumesInlineSources() throws {
        let body = ProtoWriter.envelope(apiVersion: "v1", kind: "Pod") {
            $0.objectMeta(name: "p")
            $0.message(2) {
                $0.message(1) {
                    $0.string(1, "cache")
                    $0.message(2) { $0.message(2) { $0.string(1, "Memory") } }
                }
                $0.message(1) {
                    $0.string(1, "cfg")
                    $0.message(2) {
                        $0.message(19) {
                            $0.message(1) { $0.string(1, "app-config") }
                            $0.message(2) {
                                $0.string(1, "k")
                                $0.string(2, "k.txt")
                            }
                        }
                    }
                }
                $0.message(22) {
                    $0.string(2, "Exists")
                    $0.int(5, 30)
                }
            }
            $0.message(3) { $0.string(1, "") }
        }
        let decoded = try KubernetesProtobuf.decode(body)
        #expect(
            decoded["spec"]?["volumes"]
                == [
                    ["name": "cache", "emptyDir": ["medium": "Memory"]],
                    ["name": "cfg", "configMap": ["name": "app-config", "items": [["key": "k", "path": "k.txt"]]]],
                ])
        #expect(decoded["spec"]?["tolerations"] == [["operator": "Exists", "tolerationSeconds": 30]])
        #expect(decoded["status"] == [:])
    }
}
