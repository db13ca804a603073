import KubeModel

/// A JSON Patch document (RFC 6902), the `application/json-patch+json` patch type.
///
/// Decoding failures are `.malformed` (400); failures while applying are
/// `.unprocessable` (422), as in the Kubernetes API server.
public struct JSONPatch: Sendable, Hashable {
    /// One patch operation.
    public enum Operation: Sendable, Hashable {
        case add(path: JSONPointer, value: JSONValue)
        case remove(path: JSONPointer)
        case replace(path: JSONPointer, value: JSONValue)
        case move(from: JSONPointer, path: JSONPointer)
        case copy(from: JSONPointer, path: JSONPointer)
        case test(path: JSONPointer, value: JSONValue)
    }

    /// The operations, applied in order.
    public var operations: [Operation]

    /// A patch from operations.
    public init(_ operations: [Operation]) {
        self.operations = operations
    }

    /// Decodes a patch document: an array of operation objects.
    public init(decoding document: JSONValue) throws(PatchError) {
        guard case .array(let items) = document else {
            throw PatchError(.malformed, .invalidDocument, "json patch must be an array of operations")
        }
        var operations: [Operation] = []
        for (index, item) in items.enumerated() {
            operations.append(try Self.decodeOperation(item, at: index))
        }
        self.operations = operations
    }

    /// Decodes `document` and applies it to `target`.
    public static func apply(_ document: JSONValue, to target: JSONValue) throws(PatchError) -> JSONValue {
        try JSONPatch(decoding: document).apply(to: target)
    }

    private static func decodeOperation(_ item: JSONValue, at index: Int) throws(PatchError) -> Operation {
        guard case .object(let members) = item else {
            throw PatchError(.malformed, .invalidDocument, "json patch operation \(index) must be an object")
        }
        guard let op = members["op"]?.stringValue else {
            throw PatchError(.malformed, .invalidDocument, "json patch operation \(index) is missing \"op\"")
        }
        let path = try pointer("path", in: members, op: op)
        switch op {
        case "add": return .add(path: path, value: try value(in: members, op: op))
        case "remove": return .remove(path: path)
        case "replace": return .replace(path: path, value: try value(in: members, op: op))
        case "move": return .move(from: try pointer("from", in: members, op: op), path: path)
        case "copy": return .copy(from: try pointer("from", in: members, op: op), path: path)
        case "test": return .test(path: path, value: try value(in: members, op: op))
        default:
            throw PatchError(.malformed, .invalidDocument, "unexpected json patch operation \"\(op)\"")
        }
    }

    private static func pointer(_ key: String, in members: [String: JSONValue], op: String) throws(PatchError)
        -> JSONPointer
    {
        guard let text = members[key]?.stringValue else {
            throw PatchError(.malformed, .invalidDocument, "\(op) operation is missing \"\(key)\"")
        }
        return try JSONPointer(parsing: text)
    }

    private static func value(in members: [String: JSONValue], op: String) throws(PatchError) -> JSONValue {
        guard let value = members["value"] else {
            throw PatchError(.malformed, .invalidDocument, "\(op) operation is missing \"value\"")
        }
        return value
    }
}
