import KubeModel
import Yams

/// A YAML document that could not be read; says where and why.
public struct YAMLError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Stable machine-readable code.
    public var code: String
    public var message: String

    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}

/// Reads YAML (one or many documents) into `JSONValue`s, with YAML 1.2 core
/// typing: quoted scalars are always strings, so "True" stays a string.
public enum YAMLReader {
    /// Parses a single document. Empty input yields `.null`.
    public static func parse(_ text: String) throws(YAMLError) -> JSONValue {
        let documents = try parseAll(text)
        guard documents.count <= 1 else {
            throw YAMLError(code: "yaml.multipleDocuments", message: "expected one YAML document, found \(documents.count)")
        }
        return documents.first ?? .null
    }

    /// Parses every document of a stream, skipping empty ones (`---` alone).
    public static func parseAll(_ text: String) throws(YAMLError) -> [JSONValue] {
        do {
            var documents: [JSONValue] = []
            // Parser.nextRoot throws on malformed input; compose_all's sequence would stop silently.
            let parser = try Parser(yaml: text)
            while let node = try parser.nextRoot() {
                let value = try convert(node, path: "")
                if value != .null { documents.append(value) }
            }
            return documents
        } catch let error as YAMLError {
            throw error
        } catch {
            throw YAMLError(code: "yaml.invalid", message: "invalid YAML: \(error)")
        }
    }

    /// Decodes a single YAML document into a Codable type.
    public static func decode<T: Decodable>(_ type: T.Type, from text: String) throws -> T {
        try parse(text).decode(as: T.self)
    }

    private static func convert(_ node: Node, path: String) throws(YAMLError) -> JSONValue {
        switch node {
        case .scalar(let scalar):
            return try scalarValue(scalar, tag: Tag.Name(rawValue: node.tag.description), path: path)
        case .mapping(let mapping):
            var members: [String: JSONValue] = [:]
            for (keyNode, valueNode) in mapping {
                guard case .scalar(let key) = keyNode else {
                    throw YAMLError(code: "yaml.complexKey", message: "\(describe(path)): mapping keys must be scalars")
                }
                let childPath = path.isEmpty ? key.string : "\(path).\(key.string)"
                guard members[key.string] == nil else {
                    throw YAMLError(code: "yaml.duplicateKey", message: "\(describe(childPath)): duplicate key \"\(key.string)\"")
                }
                members[key.string] = try convert(valueNode, path: childPath)
            }
            return .object(members)
        case .sequence(let sequence):
            var elements: [JSONValue] = []
            for (index, element) in sequence.enumerated() {
                elements.append(try convert(element, path: "\(path)[\(index)]"))
            }
            return .array(elements)
        case .alias:
            throw YAMLError(code: "yaml.alias", message: "\(describe(path)): YAML aliases are not supported in manifests")
        }
    }

    private static func scalarValue(_ scalar: Node.Scalar, tag: Tag.Name, path: String) throws(YAMLError) -> JSONValue {
        let text = scalar.string
        switch tag {
        case .null:
            return .null
        case .bool:
            return .bool(["true", "True", "TRUE"].contains(text))
        case .int:
            if let value = Int64(text.replacingOccurrences(of: "_", with: "")) { return .integer(value) }
            if let value = Node.scalar(scalar).int { return .integer(Int64(value)) }
            throw YAMLError(code: "yaml.integer", message: "\(describe(path)): integer \(text) is out of range")
        case .float:
            guard let value = Node.scalar(scalar).float, value.isFinite else {
                throw YAMLError(code: "yaml.float", message: "\(describe(path)): \(text) is not a finite number")
            }
            return .number(value)
        default:
            return .string(text)
        }
    }

    private static func describe(_ path: String) -> String {
        path.isEmpty ? "document root" : path
    }
}
