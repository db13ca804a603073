import APIMachinery
import Foundation
import KubeModel
import Testing

private func json(_ text: String) throws -> JSONValue {
    try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
}

private let t0 = "2026-01-01T00:00:00Z"
private let t1 = "2026-01-01T00:01:00Z"

private func configMap(_ data: String, labels: String? = nil) throws -> JSONValue {
    let labelsMember = labels.map { #","labels":"# + $0 } ?? ""
    return try json(
        #"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cm","namespace":"default""# + labelsMember
            + #"},"data":"# + data + "}")
}

private func entry(_ result: ApplyResult, _ manager: String) -> JSONValue? {
    result.managedFields.arrayValue?.first { $0["manager"] == .string(manager) }
}

@Suite("Server-side apply")
struct ApplyServerSideTests {
    @Test func firstApplyRecordsOwnedFields() throws {
        let config = try configMap(#"{"key":"v"}"#, labels: #"{"app":"web"}"#)
        let result = try ServerSideApply.apply(
            config: config, to: nil, manager: "kubectl", force: false, now: t0, schema: nil)
        let expected = try json(#"""
            [{"manager":"kubectl","operation":"Apply","apiVersion":"v1","time":"2026-01-01T00:00:00Z",
              "fieldsType":"FieldsV1","fieldsV1":{"f:data":{"f:key":{}},"f:metadata":{"f:labels":{"f:app":{}}}}}]
            """#)
        #expect(result.managedFields == expected)
        #expect(result.object["data"] == (try json(#"{"key":"v"}"#)))
        #expect(result.object["metadata"]?["name"] == "cm")
        #expect(result.object["metadata"]?["managedFields"] == expected)
    }

    @Test func mapListsUseKeyedFields() throws {
        let schema = try #require(StrategicMergeSchema.builtin(group: "apps", kind: "Deployment"))
        let config = try json(#"""
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},
             "spec":{"replicas":2,"template":{"spec":{"containers":[{"name":"nginx","image":"nginx:1",
               "ports":[{"containerPort":80,"protocol":"TCP"}],"args":["-v"]}]}}}}
            """#)
        let result = try ServerSideApply.apply(
            config: config, to: nil, manager: "kubectl", force: false, now: t0, schema: schema)
        let fields = try json(#"""
            {"f:spec":{"f:replicas":{},"f:template":{"f:spec":{"f:containers":{"k:{\"name\":\"nginx\"}":{
              ".":{},"f:name":{},"f:image":{},"f:args":{},
              "f:ports":{"k:{\"containerPort\":80,\"protocol\":\"TCP\"}":{".":{},"f:containerPort":{},"f:protocol":{}}}
            }}}}}}
            """#)
        #expect(entry(result, "kubectl")?["fieldsV1"] == fields)
        #expect(entry(result, "kubectl")?["apiVersion"] == "apps/v1")
    }

    @Test func reapplyWithoutAFieldRemovesIt() throws {
        let first = try ServerSideApply.apply(
            config: try configMap(#"{"a":"1","b":"2"}"#, labels: #"{"app":"web"}"#), to: nil, manager: "kubectl",
            force: false, now: t0, schema: nil)
        let second = try ServerSideApply.apply(
            config: try configMap(#"{"a":"1"}"#), to: first.object, manager: "kubectl", force: false, now: t1,
            schema: nil)
        #expect(second.object["data"] == (try json(#"{"a":"1"}"#)))
        #expect(second.object["metadata"]?["labels"] == nil)
        #expect(entry(second, "kubectl")?["fieldsV1"] == (try json(#"{"f:data":{"f:a":{}}}"#)))
        #expect(entry(second, "kubectl")?["time"] == .string(t1))
    }

    @Test func removedListElementIsPruned() throws {
        let schema = try #require(StrategicMergeSchema.builtin(group: "", kind: "Pod"))
        let two = try json(#"""
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},
             "spec":{"containers":[{"name":"a","image":"x"},{"name":"b","image":"y"}]}}
            """#)
        let one = try json(#"{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"spec":{"containers":[{"name":"a","image":"x"}]}}"#)
        let first = try ServerSideApply.apply(config: two, to: nil, manager: "m", force: false, now: t0, schema: schema)
        let second = try ServerSideApply.apply(
            config: one, to: first.object, manager: "m", force: false, now: t1, schema: schema)
        #expect(second.object["spec"]?["containers"] == (try json(#"[{"name":"a","image":"x"}]"#)))
    }

    @Test func conflictWithUpdateManagerThenForce() throws {
        let created = ManagedFields.recordUpdate(
            old: nil, new: try configMap(#"{"key":"old"}"#), manager: "kubectl-client-side-apply",
            apiVersion: "v1", time: t0)
        let config = try configMap(#"{"key":"new"}"#)
        let error = try #require(throws: ApplyError.self) {
            try ServerSideApply.apply(config: config, to: created, manager: "kubectl", force: false, now: t1, schema: nil)
        }
        #expect(error.code == .conflict)
        #expect(error.message == #"Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using v1: .data.key"#)
        #expect(error.status.code == 409)
        #expect(error.status.reason == .conflict)
        #expect(error.status.details?.causes.first?.field == ".data.key")

        let forced = try ServerSideApply.apply(
            config: config, to: created, manager: "kubectl", force: true, now: t1, schema: nil)
        #expect(forced.object["data"]?["key"] == "new")
        #expect(entry(forced, "kubectl")?["fieldsV1"] == (try json(#"{"f:data":{"f:key":{}}}"#)))
        #expect(entry(forced, "kubectl-client-side-apply")?["fieldsV1"]?["f:data"] == nil)
    }

    @Test func sameValueIsSharedNotConflicting() throws {
        let created = ManagedFields.recordUpdate(
            old: nil, new: try configMap(#"{"key":"same"}"#), manager: "kubectl-create", apiVersion: "v1", time: t0)
        let result = try ServerSideApply.apply(
            config: try configMap(#"{"key":"same"}"#), to: created, manager: "kubectl", force: false, now: t1,
            schema: nil)
        #expect(entry(result, "kubectl")?["fieldsV1"] == (try json(#"{"f:data":{"f:key":{}}}"#)))
        #expect(entry(result, "kubectl-create")?["fieldsV1"]?["f:data"] == (try json(#"{"f:key":{}}"#)))
    }

    @Test func twoAppliersShareAField() throws {
        let a = try ServerSideApply.apply(
            config: try configMap(#"{"shared":"1","a":"x"}"#), to: nil, manager: "alice", force: false, now: t0,
            schema: nil)
        let b = try ServerSideApply.apply(
            config: try configMap(#"{"shared":"1","b":"y"}"#), to: a.object, manager: "bob", force: false, now: t1,
            schema: nil)
        #expect(b.object["data"] == (try json(#"{"shared":"1","a":"x","b":"y"}"#)))
        // Alice stops applying "shared": Bob still owns it, so it stays.
        let a2 = try ServerSideApply.apply(
            config: try configMap(#"{"a":"x"}"#), to: b.object, manager: "alice", force: false, now: t1, schema: nil)
        #expect(a2.object["data"] == (try json(#"{"shared":"1","a":"x","b":"y"}"#)))
        #expect(entry(a2, "alice")?["fieldsV1"] == (try json(#"{"f:data":{"f:a":{}}}"#)))
        // Bob changing it is no conflict now; Alice changing Bob's field is.
        let error = try #require(throws: ApplyError.self) {
            try ServerSideApply.apply(
                config: try configMap(#"{"a":"x","b":"z","shared":"2"}"#), to: a2.object, manager: "alice",
                force: false, now: t1, schema: nil)
        }
        #expect(error.message == "Apply failed with 2 conflicts: conflicts with \"bob\":\n- .data.b\n- .data.shared")
        #expect(error.conflicts.map(\.field) == [".data.b", ".data.shared"])
    }

    @Test func ignoresStatusAndServerOwnedMetadata() throws {
        let config = try json(#"""
            {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cm","uid":"x","resourceVersion":"9"},
             "data":{"k":"v"},"status":{"phase":"Ready"}}
            """#)
        let live = try json(#"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cm","uid":"real"},"status":{"phase":"Old"}}"#)
        let result = try ServerSideApply.apply(config: config, to: live, manager: "m", force: false, now: t0, schema: nil)
        #expect(result.object["status"]?["phase"] == "Old")
        #expect(result.object["metadata"]?["uid"] == "real")
        #expect(entry(result, "m")?["fieldsV1"] == (try json(#"{"f:data":{"f:k":{}}}"#)))
    }

    @Test func rejectsManagedFieldsAndNonObjects() throws {
        let withFields = try json(#"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cm","managedFields":[]}}"#)
        let error = try #require(throws: ApplyError.self) {
            try ServerSideApply.apply(config: withFields, to: nil, manager: "m", force: false, now: t0, schema: nil)
        }
        #expect(error.code == .managedFieldsInConfig)
        #expect(error.httpStatus == 400)
        #expect(throws: ApplyError.self) {
            try ServerSideApply.apply(config: "text", to: nil, manager: "m", force: false, now: t0, schema: nil)
        }
    }
}
