import Foundation
import KubeModel

/// Column definitions and cell helpers shared by the printers.
enum TableColumns {
    static let nameDescription =
        "Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names"
    static let creationTimestampDescription =
        "CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata"

    /// "Name", format "name".
    static let name = TableColumnDefinition(
        name: "Name", type: "string", format: "name", description: nameDescription, priority: 0)
    /// "Age", a human duration since creation.
    static let age = TableColumnDefinition(
        name: "Age", type: "string", format: "", description: creationTimestampDescription, priority: 0)

    static func column(_ name: String, _ description: String, type: String = "string", priority: Int32 = 0)
        -> TableColumnDefinition
    {
        TableColumnDefinition(name: name, type: type, format: "", description: description, priority: priority)
    }

    static func name(of object: JSONValue) -> JSONValue {
        .string(object["metadata"]?["name"]?.stringValue ?? "")
    }

    static func age(of object: JSONValue, now: Date) -> JSONValue {
        .string(HumanDuration.since(object["metadata"]?["creationTimestamp"], now: now))
    }

    static func string(_ value: JSONValue?) -> String { value?.stringValue ?? "" }

    static func integer(_ value: JSONValue?) -> Int64 { value?.integerValue ?? 0 }

    static func count(_ value: JSONValue?) -> Int64 {
        Int64(value?.objectValue?.count ?? value?.arrayValue?.count ?? 0)
    }

    /// Whether a condition of the type has status "True".
    static func hasTrueCondition(_ conditions: JSONValue?, _ type: String) -> Bool {
        (conditions?.arrayValue ?? []).contains {
            $0["type"]?.stringValue == type && $0["status"]?.stringValue == "True"
        }
    }

    /// `layoutContainerCells`: container names and images, comma-separated.
    static func containerCells(_ podSpec: JSONValue?) -> (names: JSONValue, images: JSONValue) {
        let containers = podSpec?["containers"]?.arrayValue ?? []
        let names = containers.map { $0["name"]?.stringValue ?? "" }.joined(separator: ",")
        let images = containers.map { $0["image"]?.stringValue ?? "" }.joined(separator: ",")
        return (.string(names), .string(images))
    }

    /// A selector as `LabelSelectorAsSelector(...).String()`; `empty` when it
    /// selects everything or is absent, "<invalid>"/"<error>" when malformed.
    static func selector(_ value: JSONValue?, empty: String, invalid: String) -> JSONValue {
        guard let value, value != .null else { return .string(empty) }
        guard let selector = try? value.decode(as: LabelSelector.self),
            let query = try? LabelSelectorQuery(selector)
        else { return .string(invalid) }
        let text = query.description
        return .string(text.isEmpty ? empty : text)
    }

    /// RFC 3339 in UTC, as the "Created At" columns print it.
    static func createdAt(of object: JSONValue) -> JSONValue {
        guard let text = object["metadata"]?["creationTimestamp"]?.stringValue, let date = RFC3339.parse(text) else {
            return "0001-01-01T00:00:00Z"
        }
        return .string(RFC3339.format(date))
    }
}
