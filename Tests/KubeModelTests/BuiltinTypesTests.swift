import Foundation
import KubeModel
import Testing

/// Shared helpers for the built-in type tests.
enum BuiltinFixture {
    static func decode<T: Decodable>(_ type: T.Type, _ json: String) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(json.utf8))
    }

    static func encode<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(value)
    }

    static func json<T: Encodable>(_ value: T) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: encode(value))
    }

    /// Removes null members, which Go emits for zero timestamps and which decode as absent.
    static func withoutNulls(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let members):
            .object(members.filter { $0.value != .null }.mapValues(withoutNulls))
        case .array(let items):
            .array(items.map(withoutNulls))
        default:
            value
        }
    }

    /// Decodes `json`, re-encodes it, and checks that decoding again gives the same value and
    /// that the encoding carries the same members as the input (nulls aside).
    @discardableResult
    static func roundTrip<T: Codable & Equatable>(
        _ type: T.Type, _ json: String, sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> T {
        let value = try decode(T.self, json)
        let encoded = try encode(value)
        let again = try JSONDecoder().decode(T.self, from: encoded)
        #expect(again == value, sourceLocation: sourceLocation)
        let original = try decode(JSONValue.self, json)
        let reencoded = try JSONDecoder().decode(JSONValue.self, from: encoded)
        #expect(withoutNulls(reencoded) == withoutNulls(original), sourceLocation: sourceLocation)
        return value
    }

    static func keys(_ value: JSONValue?) -> Set<String> {
        Set(value?.objectValue?.keys.map { $0 } ?? [])
    }
}

@Suite("Built-in core/v1 types")
struct BuiltinTypesTests {
    static let podJSON = #"""
        {
          "apiVersion": "v1",
          "kind": "Pod",
          "metadata": {
            "creationTimestamp": "2024-05-01T10:00:00Z",
            "generateName": "run-abc-",
            "labels": {
              "batch.kubernetes.io/controller-uid": "0b6c6f53-8a39-4d3f-9a0e-4f1f4a8b2c11",
              "job-name": "run-abc",
              "sympozium.ai/instance": "demo"
            },
            "name": "run-abc-x7k2p",
            "namespace": "default",
            "ownerReferences": [
              {
                "apiVersion": "batch/v1",
                "blockOwnerDeletion": true,
                "controller": true,
                "kind": "Job",
                "name": "run-abc",
                "uid": "0b6c6f53-8a39-4d3f-9a0e-4f1f4a8b2c11"
              }
            ],
            "resourceVersion": "12345",
            "uid": "6f1d3d2a-1c1e-4e0a-8a57-2f6f0d9b1e42"
          },
          "spec": {
            "containers": [
              {
                "args": ["--task", "summarise the logs"],
                "command": ["/agent"],
                "env": [
                  {"name": "TASK", "value": "hello"},
                  {"name": "API_KEY", "valueFrom": {"secretKeyRef": {"key": "apiKey", "name": "llm-credentials"}}},
                  {"name": "POD_NAME", "valueFrom": {"fieldRef": {"apiVersion": "v1", "fieldPath": "metadata.name"}}},
                  {"name": "CPU_LIMIT", "valueFrom": {"resourceFieldRef": {"divisor": "1m", "resource": "limits.cpu"}}}
                ],
                "envFrom": [{"configMapRef": {"name": "agent-config", "optional": true}}, {"prefix": "S_", "secretRef": {"name": "extra"}}],
                "image": "ghcr.io/sympozium-ai/agent:v0.1.0",
                "imagePullPolicy": "IfNotPresent",
                "name": "agent",
                "ports": [{"containerPort": 8080, "name": "http", "protocol": "TCP"}],
                "readinessProbe": {
                  "failureThreshold": 3,
                  "httpGet": {"path": "/healthz", "port": "http", "scheme": "HTTP"},
                  "initialDelaySeconds": 2,
                  "periodSeconds": 10,
                  "successThreshold": 1,
                  "timeoutSeconds": 1
                },
                "livenessProbe": {"exec": {"command": ["cat", "/tmp/healthy"]}, "periodSeconds": 5},
                "resources": {
                  "limits": {"cpu": "1", "memory": "512Mi"},
                  "requests": {"cpu": "100m", "memory": "128Mi"}
                },
                "securityContext": {
                  "allowPrivilegeEscalation": false,
                  "capabilities": {"drop": ["ALL"]},
                  "readOnlyRootFilesystem": true,
                  "runAsNonRoot": true,
                  "runAsUser": 1000,
                  "seccompProfile": {"type": "RuntimeDefault"}
                },
                "terminationMessagePath": "/dev/termination-log",
                "terminationMessagePolicy": "File",
                "volumeMounts": [
                  {"mountPath": "/workspace", "name": "workspace"},
                  {"mountPath": "/var/run/secrets/kubernetes.io/serviceaccount", "name": "kube-api-access-9xq2m", "readOnly": true}
                ]
              }
            ],
            "dnsPolicy": "ClusterFirst",
            "enableServiceLinks": true,
            "nodeName": "kind-worker",
            "preemptionPolicy": "PreemptLowerPriority",
            "priority": 0,
            "restartPolicy": "Never",
            "schedulerName": "default-scheduler",
            "securityContext": {"fsGroup": 1000, "runAsGroup": 1000, "supplementalGroups": [2000]},
            "serviceAccount": "agent",
            "serviceAccountName": "agent",
            "terminationGracePeriodSeconds": 30,
            "tolerations": [
              {"effect": "NoExecute", "key": "node.kubernetes.io/not-ready", "operator": "Exists", "tolerationSeconds": 300},
              {"effect": "NoExecute", "key": "node.kubernetes.io/unreachable", "operator": "Exists", "tolerationSeconds": 300}
            ],
            "volumes": [
              {"emptyDir": {}, "name": "workspace"},
              {"configMap": {"defaultMode": 420, "items": [{"key": "config.yaml", "path": "config.yaml"}], "name": "agent-config"}, "name": "config"},
              {"name": "creds", "secret": {"defaultMode": 256, "optional": false, "secretName": "llm-credentials"}},
              {"emptyDir": {"medium": "Memory", "sizeLimit": "64Mi"}, "name": "scratch"},
              {
                "name": "kube-api-access-9xq2m",
                "projected": {
                  "defaultMode": 420,
                  "sources": [
                    {"serviceAccountToken": {"expirationSeconds": 3607, "path": "token"}},
                    {"configMap": {"items": [{"key": "ca.crt", "path": "ca.crt"}], "name": "kube-root-ca.crt"}},
                    {"downwardAPI": {"items": [{"fieldRef": {"apiVersion": "v1", "fieldPath": "metadata.namespace"}, "path": "namespace"}]}}
                  ]
                }
              }
            ]
          },
          "status": {
            "conditions": [
              {"lastProbeTime": null, "lastTransitionTime": "2024-05-01T10:00:09Z", "status": "False", "type": "PodReadyToStartContainers"},
              {"lastProbeTime": null, "lastTransitionTime": "2024-05-01T10:00:00Z", "reason": "PodCompleted", "status": "True", "type": "Initialized"},
              {"lastProbeTime": null, "lastTransitionTime": "2024-05-01T10:00:08Z", "reason": "PodCompleted", "status": "False", "type": "Ready"},
              {"lastProbeTime": null, "lastTransitionTime": "2024-05-01T10:00:08Z", "reason": "PodCompleted", "status": "False", "type": "ContainersReady"},
              {"lastProbeTime": null, "lastTransitionTime": "2024-05-01T10:00:00Z", "status": "True", "type": "PodScheduled"}
            ],
            "containerStatuses": [
              {
                "containerID": "containerd://9f2c4d",
                "image": "ghcr.io/sympozium-ai/agent:v0.1.0",
                "imageID": "ghcr.io/sympozium-ai/agent@sha256:4c1e",
                "lastState": {},
                "name": "agent",
                "ready": false,
                "restartCount": 0,
                "started": false,
                "state": {
                  "terminated": {
                    "containerID": "containerd://9f2c4d",
                    "exitCode": 0,
                    "finishedAt": "2024-05-01T10:00:07Z",
                    "reason": "Completed",
                    "startedAt": "2024-05-01T10:00:02Z"
                  }
                }
              }
            ],
            "hostIP": "172.18.0.2",
            "hostIPs": [{"ip": "172.18.0.2"}],
            "phase": "Succeeded",
            "podIP": "10.244.1.5",
            "podIPs": [{"ip": "10.244.1.5"}],
            "qosClass": "Burstable",
            "startTime": "2024-05-01T10:00:00Z"
          }
        }
        """#

    @Test func decodesAndRoundTripsAPod() throws {
        let pod = try BuiltinFixture.roundTrip(Pod.self, Self.podJSON)
        #expect(pod.apiVersion == "v1")
        #expect(pod.kind == "Pod")
        #expect(pod.metadata.name == "run-abc-x7k2p")
        #expect(pod.metadata.controllerReference?.kind == "Job")

        let container = try #require(pod.spec.containers.first)
        #expect(container.name == "agent")
        #expect(container.imagePullPolicy == .ifNotPresent)
        #expect(container.args == ["--task", "summarise the logs"])
        #expect(container.resources?.limits["memory"] == Quantity("512Mi"))
        #expect(container.resources?.requests["cpu"]?.milliValue == 100)
        #expect(container.env[1].valueFrom?.secretKeyRef?.key == "apiKey")
        #expect(container.env[2].valueFrom?.fieldRef?.fieldPath == "metadata.name")
        #expect(container.envFrom.first?.configMapRef?.optional == true)
        #expect(container.readinessProbe?.httpGet?.port == .string("http"))
        #expect(container.ports.first?.protocol == .tcp)
        #expect(container.securityContext?.capabilities?.drop == ["ALL"])
        #expect(container.securityContext?.seccompProfile?.type == .runtimeDefault)
        #expect(container.volumeMounts[1].readOnly == true)

        #expect(pod.spec.restartPolicy == .never)
        #expect(pod.spec.dnsPolicy == .clusterFirst)
        #expect(pod.spec.securityContext?.supplementalGroups == [2000])
        #expect(pod.spec.volumes.count == 5)
        #expect(pod.spec.volumes[0].emptyDir == EmptyDirVolumeSource())
        #expect(pod.spec.volumes[2].secret?.defaultMode == 256)
        #expect(pod.spec.volumes[3].emptyDir?.sizeLimit == Quantity("64Mi"))
        let sources = try #require(pod.spec.volumes[4].projected?.sources)
        #expect(sources[0].serviceAccountToken?.expirationSeconds == 3607)
        #expect(sources[2].downwardAPI?.items.first?.fieldRef?.fieldPath == "metadata.namespace")

        let status = try #require(pod.status)
        #expect(status.phase == .succeeded)
        #expect(status.phase?.isTerminal == true)
        #expect(status.condition(.ready)?.status == .false)
        #expect(status.condition(.ready)?.lastProbeTime == nil)
        #expect(status.podIPs == [PodIP(ip: "10.244.1.5")])
        let containerStatus = try #require(status.containerStatus(named: "agent"))
        #expect(containerStatus.restartCount == 0)
        #expect(containerStatus.lastState == ContainerState())
        #expect(containerStatus.state?.terminated?.exitCode == 0)
        #expect(containerStatus.state?.terminated?.reason == "Completed")
        #expect(containerStatus.state?.terminated?.finishedAt == Time(rfc3339: "2024-05-01T10:00:07Z"))
    }

    @Test func initSetsTypeMeta() {
        #expect(Pod().apiVersion == "v1")
        #expect(Pod().kind == "Pod")
        #expect(ConfigMap().kind == "ConfigMap")
        #expect(Secret().apiVersion == "v1")
        #expect(ServiceAccount().kind == "ServiceAccount")
        #expect(Namespace().kind == "Namespace")
        #expect(Event().kind == "Event")
        #expect(Service().kind == "Service")
        #expect(Job().apiVersion == "batch/v1")
        #expect(Deployment().apiVersion == "apps/v1")
        #expect(Role().apiVersion == "rbac.authorization.k8s.io/v1")
        #expect(ClusterRole().kind == "ClusterRole")
        #expect(RoleBinding(roleRef: RoleRef(kind: "Role", name: "r")).kind == "RoleBinding")
        #expect(ClusterRoleBinding(roleRef: RoleRef(kind: "ClusterRole", name: "r")).kind == "ClusterRoleBinding")
        #expect(NetworkPolicy().apiVersion == "networking.k8s.io/v1")
        #expect(Lease().apiVersion == "coordination.k8s.io/v1")
        #expect(TokenRequest().apiVersion == "authentication.k8s.io/v1")
        #expect(TokenReview().kind == "TokenReview")
        #expect(SelfSubjectAccessReview().apiVersion == "authorization.k8s.io/v1")
        #expect(SubjectAccessReview().kind == "SubjectAccessReview")
        #expect(AdmissionReview().apiVersion == "admission.k8s.io/v1")
        #expect(AdmissionReview().kind == "AdmissionReview")
        #expect(Table().apiVersion == "meta.k8s.io/v1")
    }

    @Test func resourceIdentities() {
        #expect(Pod.plural == "pods")
        #expect(Pod.scope == .namespaced)
        #expect(Namespace.scope == .cluster)
        #expect(ClusterRole.scope == .cluster)
        #expect(ClusterRoleBinding.scope == .cluster)
        #expect(TokenReview.scope == .cluster)
        #expect(SelfSubjectAccessReview.scope == .cluster)
        #expect(SubjectAccessReview.scope == .cluster)
        #expect(NetworkPolicy.plural == "networkpolicies")
        #expect(Job.groupVersionResource == GroupVersionResource(group: "batch", version: "v1", resource: "jobs"))
        #expect(Deployment.listKind == "DeploymentList")
    }

    @Test func emptyCollectionsAreOmitted() throws {
        let pod = Pod(
            metadata: ObjectMeta(name: "p", namespace: "default"),
            spec: PodSpec(containers: [Container(name: "c", image: "busybox", resources: ResourceRequirements())]))
        let json = try BuiltinFixture.json(pod)
        #expect(BuiltinFixture.keys(json) == ["apiVersion", "kind", "metadata", "spec"])
        #expect(BuiltinFixture.keys(json["metadata"]) == ["name", "namespace"])
        #expect(BuiltinFixture.keys(json["spec"]) == ["containers"])
        let container = json["spec"]?["containers"]?.arrayValue?.first
        #expect(BuiltinFixture.keys(container) == ["name", "image", "resources"])
        #expect(container?["resources"] == .object([:]))

        let configMap = try BuiltinFixture.json(ConfigMap(metadata: ObjectMeta(name: "cm")))
        #expect(BuiltinFixture.keys(configMap) == ["apiVersion", "kind", "metadata"])
        let role = try BuiltinFixture.json(Role(metadata: ObjectMeta(name: "r"), rules: [PolicyRule(verbs: ["get"])]))
        #expect(BuiltinFixture.keys(role["rules"]?.arrayValue?.first) == ["verbs"])
    }

    @Test func missingSpecDecodesAsEmpty() throws {
        let pod = try BuiltinFixture.decode(Pod.self, #"{"apiVersion":"v1","kind":"Pod","metadata":{"name":"x"}}"#)
        #expect(pod.spec == PodSpec())
        #expect(pod.status == nil)
        let job = try BuiltinFixture.decode(Job.self, #"{"metadata":{"name":"j"},"spec":{"template":{}}}"#)
        #expect(job.spec.template == PodTemplateSpec())
        #expect(job.apiVersion == nil)
        let namespace = try BuiltinFixture.decode(Namespace.self, #"{"metadata":{"name":"n"}}"#)
        #expect(namespace.spec.finalizers.isEmpty)
    }

    @Test func unknownEnumValuesSurvive() throws {
        let status = try BuiltinFixture.decode(PodStatus.self, #"{"phase":"Hibernating"}"#)
        #expect(status.phase == PodPhase(rawValue: "Hibernating"))
        #expect(status.phase?.isKnown == false)
        #expect(try BuiltinFixture.json(status) == ["phase": "Hibernating"])
    }

    @Test func secretDataHelpers() throws {
        var secret = try BuiltinFixture.roundTrip(
            Secret.self,
            #"""
            {"apiVersion":"v1","kind":"Secret","metadata":{"name":"llm","namespace":"default"},
             "type":"Opaque","data":{"apiKey":"c2stdGVzdA=="},"immutable":true}
            """#)
        #expect(secret.type == .opaque)
        #expect(secret.data["apiKey"] == "c2stdGVzdA==")
        #expect(secret.decodedString("apiKey") == "sk-test")
        #expect(secret.decodedData("missing") == nil)

        secret.setData("blob", Data([0, 1, 2, 255]))
        #expect(secret.data["blob"] == "AAEC/w==")
        #expect(secret.decodedData("blob") == Data([0, 1, 2, 255]))

        secret.stringData["apiKey"] = "plain"
        #expect(secret.decodedString("apiKey") == "plain")
        secret.setString("apiKey", "sk-new")
        #expect(secret.stringData.isEmpty)
        #expect(secret.decodedString("apiKey") == "sk-new")
    }

    @Test func configMapServiceAccountAndEventRoundTrip() throws {
        let configMap = try BuiltinFixture.roundTrip(
            ConfigMap.self,
            #"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"},"data":{"a":"1"},"binaryData":{"b":"AAE="}}"#)
        #expect(configMap.data == ["a": "1"])

        let account = try BuiltinFixture.roundTrip(
            ServiceAccount.self,
            #"""
            {"apiVersion":"v1","kind":"ServiceAccount","metadata":{"name":"agent","namespace":"default"},
             "automountServiceAccountToken":false,"imagePullSecrets":[{"name":"regcred"}],
             "secrets":[{"name":"agent-token"}]}
            """#)
        #expect(account.imagePullSecrets == [LocalObjectReference(name: "regcred")])

        let event = try BuiltinFixture.roundTrip(
            Event.self,
            #"""
            {"apiVersion":"v1","kind":"Event","metadata":{"name":"run-abc.17c","namespace":"default"},
             "involvedObject":{"apiVersion":"batch/v1","kind":"Job","name":"run-abc","namespace":"default",
               "resourceVersion":"12","uid":"0b6c"},
             "reason":"SuccessfulCreate","message":"Created pod: run-abc-x7k2p",
             "source":{"component":"job-controller"},"firstTimestamp":"2024-05-01T10:00:00Z",
             "lastTimestamp":"2024-05-01T10:00:00Z","count":1,"type":"Normal","eventTime":null,
             "reportingComponent":"job-controller","reportingInstance":""}
            """#)
        #expect(event.type == .normal)
        #expect(event.involvedObject.kind == "Job")
        #expect(event.eventTime == nil)

        let micro = try BuiltinFixture.roundTrip(
            Event.self,
            #"""
            {"metadata":{"name":"e"},"involvedObject":{"kind":"Pod","name":"p"},
             "eventTime":"2024-05-01T10:00:00.250000Z","action":"Binding","reportingComponent":"default-scheduler",
             "reportingInstance":"default-scheduler-kind","type":"Warning","related":{"kind":"Node","name":"n1"}}
            """#)
        #expect(micro.eventTime == MicroTime(Date(timeIntervalSince1970: 1_714_557_600.25)))
    }

    @Test func serviceRoundTrip() throws {
        let service = try BuiltinFixture.roundTrip(
            Service.self,
            #"""
            {"apiVersion":"v1","kind":"Service","metadata":{"name":"web","namespace":"default"},
             "spec":{"type":"ClusterIP","clusterIP":"10.96.12.1","clusterIPs":["10.96.12.1"],
               "internalTrafficPolicy":"Cluster","ipFamilies":["IPv4"],"ipFamilyPolicy":"SingleStack",
               "ports":[{"name":"http","port":80,"protocol":"TCP","targetPort":"http"},
                        {"name":"metrics","port":9090,"protocol":"TCP","targetPort":9090}],
               "selector":{"app":"web"},"sessionAffinity":"None"},
             "status":{"loadBalancer":{}}}
            """#)
        #expect(service.spec.type == .clusterIP)
        #expect(service.spec.ports[0].targetPort == .string("http"))
        #expect(service.spec.ports[1].targetPort == .int(9090))
        #expect(service.status?.loadBalancer == LoadBalancerStatus())
    }

    @Test func objectReferenceForResource() {
        var pod = Pod(metadata: ObjectMeta(name: "p", namespace: "ns", uid: "u1", resourceVersion: "7"))
        pod.metadata.labels["a"] = "b"
        #expect(
            pod.objectReference
                == ObjectReference(kind: "Pod", namespace: "ns", name: "p", uid: "u1", apiVersion: "v1", resourceVersion: "7"))
    }
}
