import APIMachinery
import KubeModel
import Testing

@Suite("Field selectors")
struct SelectorFieldTests {
    static let pod: JSONValue = [
        "apiVersion": "v1", "kind": "Pod",
        "metadata": ["name": "web-1", "namespace": "default"],
        "spec": ["nodeName": "node-a", "restartPolicy": "Always", "schedulerName": "default-scheduler",
                 "serviceAccountName": "builder"],
        "status": ["phase": "Running", "podIP": "10.0.0.7", "podIPs": [["ip": "10.0.0.7"]]],
    ]

    @Test func parsesAndMatches() throws {
        let selector = try FieldSelectorQuery(parsing: "metadata.name=web-1,status.phase!=Pending,spec.nodeName==node-a")
        #expect(selector.terms.count == 3)
        #expect(selector.matches(FieldSelectorQuery.fields(of: Self.pod, kind: "Pod")))
        #expect(selector.requiredValue(forField: "metadata.name") == "web-1")
        #expect(selector.description == "metadata.name=web-1,spec.nodeName=node-a,status.phase!=Pending")
        let other = try FieldSelectorQuery(parsing: "status.phase=Pending")
        #expect(!other.matches(Self.pod, kind: "Pod"))
        #expect(try FieldSelectorQuery(parsing: "").isEverything)
    }

    @Test func escapedValues() throws {
        let selector = try FieldSelectorQuery(parsing: #"metadata.name=a\,b\=c"#)
        #expect(selector.terms.first?.value == "a,b=c")
        #expect(selector.description == #"metadata.name=a\,b\=c"#)
        #expect(throws: SelectorError(
            code: SelectorError.invalidFieldSelector, message: #"invalid field selector: invalid escape sequence: \x"#)) {
            try FieldSelectorQuery(parsing: #"metadata.name=a\x"#)
        }
        #expect(throws: SelectorError(
            code: SelectorError.invalidFieldSelector, message: "invalid selector: 'name'; can't understand 'name'")) {
            try FieldSelectorQuery(parsing: "name")
        }
    }

    @Test func extractsPodFields() {
        let fields = FieldSelectorQuery.fields(of: Self.pod, kind: "Pod")
        #expect(fields["metadata.name"] == "web-1")
        #expect(fields["metadata.namespace"] == "default")
        #expect(fields["status.phase"] == "Running")
        #expect(fields["spec.nodeName"] == "node-a")
        #expect(fields["spec.restartPolicy"] == "Always")
        #expect(fields["spec.schedulerName"] == "default-scheduler")
        #expect(fields["spec.serviceAccountName"] == "builder")
        #expect(fields["status.podIP"] == "10.0.0.7")
        #expect(fields["spec.hostNetwork"] == "false")
    }

    @Test func extractsEventFields() {
        let event: JSONValue = [
            "metadata": ["name": "web-1.17a", "namespace": "default"],
            "involvedObject": ["kind": "Pod", "namespace": "default", "name": "web-1", "uid": "u-1",
                               "apiVersion": "v1", "resourceVersion": "42", "fieldPath": "spec.containers{app}"],
            "reason": "BackOff", "type": "Warning", "reportingComponent": "kubelet",
        ]
        let fields = FieldSelectorQuery.fields(of: event, kind: "Event")
        #expect(fields["involvedObject.kind"] == "Pod")
        #expect(fields["involvedObject.name"] == "web-1")
        #expect(fields["involvedObject.uid"] == "u-1")
        #expect(fields["involvedObject.apiVersion"] == "v1")
        #expect(fields["involvedObject.resourceVersion"] == "42")
        #expect(fields["involvedObject.fieldPath"] == "spec.containers{app}")
        #expect(fields["reason"] == "BackOff")
        #expect(fields["type"] == "Warning")
        #expect(fields["reportingComponent"] == "kubelet")
        #expect(fields["source"] == "kubelet")  // falls back to reportingComponent
        #expect(FieldSelectorQuery.fields(of: ["type": "kubernetes.io/tls"], kind: "Secret")["type"] == "kubernetes.io/tls")
        #expect(FieldSelectorQuery.fields(of: ["status": ["phase": "Active"]], kind: "Namespace")["status.phase"] == "Active")
    }

    @Test func unsupportedLabelsAreRejected() throws {
        let selector = try FieldSelectorQuery(parsing: "status.hostIP=1.2.3.4")
        #expect(throws: SelectorError(
            code: SelectorError.fieldLabelNotSupported, message: "field label not supported: status.hostIP")) {
            try selector.validated(forKind: "Pod")
        }
        #expect(throws: SelectorError(
            code: SelectorError.fieldLabelNotSupported, message: "field label not supported: spec.x")) {
            try FieldSelectorQuery(parsing: "spec.x=1").validated(forKind: "AgentRun")
        }
        let legacy = try FieldSelectorQuery(parsing: "spec.host=node-a").validated(forKind: "Pod")
        #expect(legacy.terms.first?.field == "spec.nodeName")
        _ = try FieldSelectorQuery(parsing: "type=Opaque,metadata.name=x").validated(forKind: "Secret")
    }
}
