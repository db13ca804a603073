import KubeModel

/// The JSONPath subset CRD printer columns use: `.a.b`, `['key']`, `[0]`,
/// `[-1]`, `[*]`, filters `[?(@.type=="Ready")]` (`==`, `!=`, or bare
/// existence), backslash-escaped dots in keys (`.labels.app\.kubernetes\.io/name`),
/// and optional `{...}` or leading `$`. Missing keys yield no result.
public struct SimpleJSONPath: Hashable, Sendable {
    enum Step: Hashable, Sendable {
        case field(String)
        case index(Int)
        case wildcard
        case filter(path: [String], negated: Bool, literal: JSONValue?)
    }

    let steps: [Step]
    public let text: String

    public init(_ text: String) throws(TablePrintingError) {
        self.text = text
        var scanner = Array(text.trimmingSpaces())
        if scanner.first == "{", scanner.last == "}" { scanner = Array(scanner.dropFirst().dropLast()) }
        if scanner.first == "$" { scanner.removeFirst() }
        var steps: [Step] = []
        var index = 0
        func fail(_ why: String) -> TablePrintingError {
            TablePrintingError(code: TablePrintingError.invalidJSONPath, message: "invalid JSONPath \"\(text)\": \(why)")
        }
        while index < scanner.count {
            switch scanner[index] {
            case ".":
                index += 1
                guard index < scanner.count, scanner[index] != "." else { throw fail("recursive descent is not supported") }
                var name = ""
                while index < scanner.count, scanner[index] != ".", scanner[index] != "[" {
                    if scanner[index] == "\\", index + 1 < scanner.count { index += 1 }
                    name.append(scanner[index])
                    index += 1
                }
                guard !name.isEmpty else { throw fail("empty field name") }
                steps.append(name == "*" ? .wildcard : .field(name))
            case "[":
                guard let close = Self.closingBracket(scanner, from: index) else { throw fail("unterminated '['") }
                let inner = String(scanner[(index + 1)..<close]).trimmingSpaces()
                index = close + 1
                if inner == "*" {
                    steps.append(.wildcard)
                } else if let number = Int(inner) {
                    steps.append(.index(number))
                } else if let key = Self.quoted(inner) {
                    steps.append(.field(key))
                } else if inner.hasPrefix("?(@."), inner.hasSuffix(")") {
                    guard let filter = Self.filter(String(inner.dropFirst(4).dropLast())) else {
                        throw fail("unsupported filter \(inner)")
                    }
                    steps.append(filter)
                } else {
                    throw fail("unsupported subscript [\(inner)]")
                }
            default:
                throw fail("expected '.' or '[' at offset \(index)")
            }
        }
        self.steps = steps
    }

    /// Every value the path reaches, in document order (map members by key).
    public func evaluate(_ root: JSONValue) -> [JSONValue] {
        var current = [root]
        for step in steps {
            current = current.flatMap { Self.apply(step, to: $0) }
        }
        return current
    }

    private static func apply(_ step: Step, to value: JSONValue) -> [JSONValue] {
        switch step {
        case .field(let name):
            return value.objectValue?[name].map { [$0] } ?? []
        case .index(let position):
            guard let array = value.arrayValue else { return [] }
            let resolved = position < 0 ? array.count + position : position
            return array.indices.contains(resolved) ? [array[resolved]] : []
        case .wildcard:
            if let array = value.arrayValue { return array }
            if let object = value.objectValue { return object.keys.sorted().compactMap { object[$0] } }
            return []
        case .filter(let path, let negated, let literal):
            let candidates = value.arrayValue ?? []
            return candidates.filter { element in
                var found: JSONValue? = element
                for key in path { found = found?.objectValue?[key] }
                guard let literal else { return found != nil && found != .null }
                let equal = found.map { equalForFilter($0, literal) } ?? false
                return negated ? !equal : equal
            }
        }
    }

    private static func equalForFilter(_ lhs: JSONValue, _ rhs: JSONValue) -> Bool {
        if let left = lhs.numberValue, let right = rhs.numberValue { return left == right }
        return lhs == rhs
    }

    private static func closingBracket(_ characters: [Character], from start: Int) -> Int? {
        var quote: Character?
        var depth = 0
        for index in start..<characters.count {
            let character = characters[index]
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "'" || character == "\"" {
                quote = character
            } else if character == "[" || character == "(" {
                depth += 1
            } else if character == "]" || character == ")" {
                depth -= 1
                if depth == 0 { return index }
            }
        }
        return nil
    }

    private static func quoted(_ text: String) -> String? {
        guard text.count >= 2, let first = text.first, first == "'" || first == "\"", text.last == first else {
            return nil
        }
        return String(text.dropFirst().dropLast())
    }

    /// `type=="Ready"`, `status.phase != 'x'`, `count==3` or a bare path.
    private static func filter(_ body: String) -> Step? {
        let (pathText, negated, literalText): (String, Bool, String?)
        if let range = body.range(of: "!=") {
            (pathText, negated, literalText) = (String(body[..<range.lowerBound]), true, String(body[range.upperBound...]))
        } else if let range = body.range(of: "==") {
            (pathText, negated, literalText) = (String(body[..<range.lowerBound]), false, String(body[range.upperBound...]))
        } else {
            (pathText, negated, literalText) = (body, false, nil)
        }
        let path = pathText.trimmingSpaces().split(separator: ".").map(String.init)
        guard !path.isEmpty else { return nil }
        guard let literalText = literalText?.trimmingSpaces() else {
            return .filter(path: path, negated: false, literal: nil)
        }
        let literal: JSONValue
        if let text = quoted(literalText) {
            literal = .string(text)
        } else if let number = Int64(literalText) {
            literal = .integer(number)
        } else if let number = Double(literalText) {
            literal = .number(number)
        } else if literalText == "true" || literalText == "false" {
            literal = .bool(literalText == "true")
        } else {
            return nil
        }
        return .filter(path: path, negated: negated, literal: literal)
    }
}

extension String {
    fileprivate func trimmingSpaces() -> String {
        var text = Substring(self)
        while text.first == " " { text.removeFirst() }
        while text.last == " " { text.removeLast() }
        return String(text)
    }
}
