import Foundation
import KubeModel

/// One step of a managed field path, as in Kubernetes' structured-merge-diff.
public enum PathElement: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// A named field of an object: `f:name`.
    case field(String)
    /// An element of a map list, by its key fields: `k:{"name":"nginx"}`.
    case key([String: JSONValue])
    /// An element of a set list, by value: `v:"finalizer"`.
    case value(JSONValue)
    /// An element of a list by position: `i:0`.
    case index(Int)

    /// The key element of `item` in a list keyed by `keys`; `nil` when the
    /// item is not an object or has none of the key fields.
    static func keyElement(of item: JSONValue, keys: [String]) -> PathElement? {
        guard case .object(let members) = item else { return nil }
        var key: [String: JSONValue] = [:]
        for name in keys {
            if let value = members[name], value != .null { key[name] = value.normalizedNumbers }
        }
        return key.isEmpty ? nil : .key(key)
    }

    /// The FieldsV1 member name: `f:name`, `k:{...}`, `v:...`, `i:N`.
    public var fieldsV1Key: String {
        switch self {
        case .field(let name): "f:\(name)"
        case .key(let key): "k:\(Self.json(.object(key)))"
        case .value(let value): "v:\(Self.json(value))"
        case .index(let index): "i:\(index)"
        }
    }

    /// Parses a FieldsV1 member name; `nil` when it is not one.
    public init?(fieldsV1Key text: String) {
        let body = String(text.dropFirst(2))
        switch text.prefix(2) {
        case "f:":
            self = .field(body)
        case "k:":
            guard case .object(let key)? = Self.parse(body), !key.isEmpty else { return nil }
            self = .key(key.mapValues(\.normalizedNumbers))
        case "v:":
            guard let value = Self.parse(body) else { return nil }
            self = .value(value.normalizedNumbers)
        case "i:":
            guard let index = Int(body) else { return nil }
            self = .index(index)
        default:
            return nil
        }
    }

    /// Kubernetes' rendering in field paths: `.name`, `[name="nginx"]`, `[="a"]`, `[0]`.
    public var description: String {
        switch self {
        case .field(let name):
            return ".\(name)"
        case .key(let key):
            let parts = key.keys.sorted().map { name in "\(name)=\(key[name].map(Self.json) ?? "null")" }
            return "[\(parts.joined(separator: ","))]"
        case .value(let value):
            return "[=\(Self.json(value))]"
        case .index(let index):
            return "[\(index)]"
        }
    }

    /// Structured-merge-diff order: fields, then keys, then values, then indexes.
    public static func < (lhs: PathElement, rhs: PathElement) -> Bool {
        if lhs.rank != rhs.rank { return lhs.rank < rhs.rank }
        switch (lhs, rhs) {
        case (.field(let a), .field(let b)): return a < b
        case (.index(let a), .index(let b)): return a < b
        default: return lhs.fieldsV1Key < rhs.fieldsV1Key
        }
    }

    private var rank: Int {
        switch self {
        case .field: 0
        case .key: 1
        case .value: 2
        case .index: 3
        }
    }

    /// Compact JSON with sorted keys.
    static func json(_ value: JSONValue) -> String {
        guard let data = try? value.canonicalJSON() else { return "null" }
        return String(decoding: data, as: UTF8.self)
    }

    private static func parse(_ text: String) -> JSONValue? {
        try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    }
}

extension [PathElement] {
    /// Kubernetes' rendering of a field path: `.spec.containers[name="nginx"].image`.
    public var fieldPathDescription: String {
        map(\.description).joined()
    }
}
