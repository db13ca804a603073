import Foundation
import KubeModel
import SympoziumAPI
import Testing

/// The Swift types and their hand-written schemas must describe the same fields.
/// A sample with every schema field set is decoded into the Swift type and
/// encoded again: a field the type lacks would be lost, a type mismatch fails.
@Suite("Swift types match their schemas")
struct SchemaCoverageTests {
    static func sample(for schema: JSONSchemaProps, name: String = "x") -> JSONValue {
        if schema.xIntOrString == true { return "1Gi" }
        if let first = schema.enum.first { return first }
        switch schema.type {
        case "string": return schema.format == "date-time" ? "2026-01-02T03:04:05Z" : sampleString(name)
        case "integer": return 7
        case "number": return 1.5
        case "boolean": return true
        case "array": return .array([sample(for: schema.items ?? JSONSchemaProps(type: "string"), name: name)])
        case "object":
            if case .schema(let values) = schema.additionalProperties {
                return ["key": sample(for: values, name: name)]
            }
            if schema.properties.isEmpty { return [:] }
            var members: [String: JSONValue] = [:]
            for (key, child) in schema.properties where key != "metadata" {
                members[key] = sample(for: child, name: key)
            }
            return .object(members)
        default:
            return "x"
        }
    }

    /// Strings that also pass semantic checks where a field has them.
    static func sampleString(_ name: String) -> JSONValue {
        switch name {
        case "schedule": "*/5 * * * *"
        case "timeout": "10m"
        case "type": "Ready"
        case "reason": "Reconciled"
        case "status": "True"
        default: "sample"
        }
    }

    private func roundTrip<R: CustomResource>(_ type: R.Type) throws {
        var document = Self.sample(for: R.openAPISchema)
        document["apiVersion"] = .string(R.apiVersion)
        document["kind"] = .string(R.kind)
        document["metadata"] = ["name": "sample", "namespace": "default"]
        let decoded = try document.decode(as: R.self)
        let encoded = try JSONValue(encoding: decoded)
        #expect(encoded == document, "\(R.kind): Swift type and schema disagree")
    }

    @Test func instance() throws { try roundTrip(SympoziumInstance.self) }
    @Test func agentRun() throws { try roundTrip(AgentRun.self) }
    @Test func policy() throws { try roundTrip(SympoziumPolicy.self) }
    @Test func skillPack() throws { try roundTrip(SkillPack.self) }
    @Test func schedule() throws { try roundTrip(SympoziumSchedule.self) }
}
