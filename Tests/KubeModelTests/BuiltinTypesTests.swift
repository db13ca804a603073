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
            #"""
            {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"},"data":{"a":"1"},"binaryData":{"b":"AAE="}}
            """#)
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
        let expected = ObjectReference(
            kind: "Pod", namespace: "ns", name: "p", uid: "u1", apiVersion: "v1", resourceVersion: "7")
        #expect(pod.objectReference == expected)
    }
}
