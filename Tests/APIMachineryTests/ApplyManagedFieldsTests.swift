import APIMachinery
import Foundation
import KubeModel
import Testing

private func json(_ text: String) throws -> JSONValue {
    try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
}

@Suite("Managed fields")
struct ApplyManagedFieldsTests {
    @Test func fieldsV1RoundTrips() throws {
        let fieldsV1 = try json(#"""
            {"f:metadata":{"f:labels":{".":{},"f:app":{}},"f:finalizers":{"v:\"a\"":{}}},
             "f:spec":{"f:containers":{"k:{\"name\":\"nginx\"}":{".":{},"f:image":{},"f:name":{}}}}}
            """#)
        let set = FieldSet(fieldsV1: fieldsV1)
        #expect(set.fieldsV1 == fieldsV1)
        #expect(set.contains([.field("spec"), .field("containers"), .key(["name": "nginx"]), .field("image")]))
        #expect(set.contains([.field("metadata"), .field("labels")]))
        #expect(set.contains([.field("metadata"), .field("finalizers"), .value("a")]))
        let path: [PathElement] = [.field("spec"), .field("containers"), .key(["name": "nginx"]), .field("image")]
        #expect(path.fieldPathDescription == #".spec.containers[name="nginx"].image"#)
    }

    @Test func updateRecordsChangedFieldsAndTakesOwnership() throws {
        let applied = try ServerSideApply.apply(
            config: try json(#"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cm"},"data":{"a":"1","b":"2"}}"#),
            to: nil, manager: "kubectl", force: false, now: "2026-01-01T00:00:00Z", schema: nil)
        var edited = applied.object
        edited["data"] = try json(#"{"a":"changed","b":"2","c":"3"}"#)
        let updated = ManagedFields.recordUpdate(
            old: applied.object, new: edited, manager: "editor", operation: "Update", apiVersion: "v1",
            time: "2026-01-01T00:05:00Z")
        let entries = ManagedFields.entries(in: updated)
        #expect(entries.map(\.manager) == ["kubectl", "editor"])
        #expect(entries.map(\.operation) == [.apply, .update])
        #expect(entries[0].fields.fieldsV1 == (try json(#"{"f:data":{"f:b":{}}}"#)))
        #expect(entries[1].fields.fieldsV1 == (try json(#"{"f:data":{"f:a":{},"f:c":{}}}"#)))
        #expect(entries[1].time == "2026-01-01T00:05:00Z")
        #expect(updated["data"] == edited["data"])

        // A no-op update leaves the entries alone.
        let again = ManagedFields.recordUpdate(
            old: updated, new: updated, manager: "other", apiVersion: "v1", time: "2026-01-01T00:09:00Z")
        #expect(ManagedFields.entries(in: again) == entries)
    }

    @Test func removedFieldsAreReleased() throws {
        let created = ManagedFields.recordUpdate(
            old: nil, new: try json(#"{"metadata":{"name":"cm","labels":{"x":"1"}},"data":{"a":"1"}}"#),
            manager: "creator", apiVersion: "v1", time: "2026-01-01T00:00:00Z")
        var edited = created
        edited["data"] = .object([:])
        let updated = ManagedFields.recordUpdate(
            old: created, new: edited, manager: "editor", apiVersion: "v1", time: "2026-01-01T00:01:00Z")
        let entries = ManagedFields.entries(in: updated)
        #expect(entries.map(\.manager) == ["creator", "editor"])
        #expect(entries[0].fields.fieldsV1 == (try json(#"{"f:metadata":{"f:labels":{"f:x":{}}}}"#)))
        #expect(entries[1].fields.fieldsV1 == (try json(#"{"f:data":{}}"#)))
    }
}
