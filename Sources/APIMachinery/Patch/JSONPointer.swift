/// A JSON Pointer (RFC 6901): `/spec/containers/0/name`, with `~0` for `~`
/// and `~1` for `/` inside tokens. The empty pointer denotes the whole document.
public struct JSONPointer: Sendable, Hashable, CustomStringConvertible {
    /// The unescaped reference tokens.
    public let tokens: [String]

    /// A pointer from unescaped tokens.
    public init(tokens: [String]) {
        self.tokens = tokens
    }

    /// Parses pointer text; throws a malformed `invalidPointer` error.
    public init(parsing text: String) throws(PatchError) {
        guard !text.isEmpty else {
            self.tokens = []
            return
        }
        guard text.hasPrefix("/") else {
            throw PatchError(.malformed, .invalidPointer, "JSON pointer \"\(text)\" must be empty or start with \"/\"")
        }
        var tokens: [String] = []
        for raw in text.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
            tokens.append(try Self.unescape(raw, in: text))
        }
        self.tokens = tokens
    }

    private static func unescape(_ raw: Substring, in text: String) throws(PatchError) -> String {
        var result = ""
        var iterator = raw.makeIterator()
        while let character = iterator.next() {
            guard character == "~" else {
                result.append(character)
                continue
            }
            switch iterator.next() {
            case "0": result.append("~")
            case "1": result.append("/")
            default:
                throw PatchError(.malformed, .invalidPointer, "JSON pointer \"\(text)\" has an invalid \"~\" escape")
            }
        }
        return result
    }

    /// Whether this pointer is a proper prefix of `other` (`/a` of `/a/b`).
    public func isProperPrefix(of other: JSONPointer) -> Bool {
        tokens.count < other.tokens.count && Array(other.tokens.prefix(tokens.count)) == tokens
    }

    /// The escaped pointer text.
    public var description: String {
        var text = ""
        for token in tokens {
            text.append("/")
            for character in token {
                switch character {
                case "~": text.append("~0")
                case "/": text.append("~1")
                default: text.append(character)
                }
            }
        }
        return text
    }
}
