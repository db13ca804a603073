import KubeModel
import Yams

/// Renders `JSONValue`s as YAML the way kubectl and controller-gen do: sorted
/// keys, block style, multi-line strings as literal blocks. Output is
/// deterministic, so generated manifests can be compared byte for byte.
public enum YAMLWriter {
    public static func render(_ value: JSONValue) throws(YAMLError) -> String {
        do {
            return try Yams.serialize(node: node(for: value), width: -1, allowUnicode: true, sortKeys: true)
        } catch {
            throw YAMLError(code: "yaml.render", message: "cannot render YAML: \(error)")
        }
    }

    /// Several documents, each introduced by `---`.
    public static func renderAll(_ values: [JSONValue]) throws(YAMLError) -> String {
        var output = ""
        for value in values {
            output += "---\n" + (try render(value))
        }
        return output
    }

    /// Encodes any Encodable value, then renders it.
    public static func render<T: Encodable>(encoding value: T) throws -> String {
        try render(JSONValue(encoding: value))
    }

    static func node(for value: JSONValue) -> Node {
        switch value {
        case .null:
            return Node("null", Tag(.null))
        case .bool(let flag):
            return Node(flag ? "true" : "false", Tag(.bool))
        case .integer(let number):
            return Node(String(number), Tag(.int))
        case .number(let number):
            if number.rounded() == number, abs(number) < 9e15 {
                return Node(String(Int64(number)), Tag(.int))
            }
            return Node(String(number), Tag(.float))
        case .string(let text):
            if text.contains("\n") {
                return Node(text, Tag(.str), canUseLiteral(text) ? .literal : .doubleQuoted)
            }
            return Node(text, Tag(.str), needsQuotes(text) ? .singleQuoted : .any)
        case .array(let elements):
            return Node(elements.map(node(for:)), Tag(.seq), .block)
        case .object(let members):
            let pairs = members.sorted { $0.key < $1.key }.map { (Node($0.key, Tag(.str)), node(for: $0.value)) }
            return Node(pairs, Tag(.map), .block)
        }
    }

    /// YAML 1.1 booleans that some readers (go-yaml among them) still honour.
    private static let legacyBooleans: Set<String> = ["y", "n", "yes", "no", "on", "off"]

    /// A plain scalar that a reader would type as something other than a string
    /// must be quoted, or "True" would come back as a boolean.
    private static func needsQuotes(_ text: String) -> Bool {
        if text.isEmpty || legacyBooleans.contains(text.lowercased()) { return true }
        let plain = Node(text, Tag(.implicit))
        return Resolver.default.resolveTag(of: plain) != .str
    }

    /// Literal blocks cannot carry trailing spaces on a line or tabs reliably.
    private static func canUseLiteral(_ text: String) -> Bool {
        !text.split(separator: "\n", omittingEmptySubsequences: false).contains { $0.hasSuffix(" ") }
            && !text.contains("\t") && !text.hasPrefix(" ")
    }
}
