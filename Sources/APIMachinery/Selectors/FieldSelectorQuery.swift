import KubeModel

/// A parsed field selector (`fields.Selector`): `metadata.name=x,status.phase!=Running`.
///
/// Terms are equalities (`=`, `==`) and inequalities (`!=`) on field labels;
/// `\`, `,` and `=` in values are escaped with a backslash. A missing field
/// reads as "".
public struct FieldSelectorQuery: Hashable, Sendable, CustomStringConvertible {
    public struct Term: Hashable, Sendable, CustomStringConvertible {
        public enum Operator: String, Hashable, Sendable {
            case equals = "="
            case doubleEquals = "=="
            case notEquals = "!="
        }

        public var field: String
        public var `operator`: Operator
        /// The unescaped value.
        public var value: String

        public init(field: String, operator: Operator, value: String) {
            self.field = field
            self.operator = `operator`
            self.value = value
        }

        public func matches(_ fields: [String: String]) -> Bool {
            let actual = fields[field] ?? ""
            return `operator` == .notEquals ? actual != value : actual == value
        }

        /// `field=value` or `field!=value`, value escaped (`==` prints as `=`).
        public var description: String {
            field + (`operator` == .notEquals ? "!=" : "=") + FieldSelectorQuery.escape(value)
        }
    }

    /// Sorted as Kubernetes sorts the raw terms.
    public let terms: [Term]

    /// Selects every object.
    public static let everything = FieldSelectorQuery(terms: [])

    public init(terms: [Term]) {
        self.terms = terms
    }

    /// `fields.ParseSelector`.
    public init(parsing text: String) throws(SelectorError) {
        var terms: [Term] = []
        for part in Self.splitTerms(text).sorted() where !part.isEmpty {
            guard let (field, op, rawValue) = Self.splitTerm(part) else {
                throw SelectorError(
                    code: SelectorError.invalidFieldSelector,
                    message: "invalid selector: '\(text)'; can't understand '\(part)'")
            }
            terms.append(Term(field: field, operator: op, value: try Self.unescape(rawValue)))
        }
        self.init(terms: terms)
    }

    public var isEverything: Bool { terms.isEmpty }

    /// Whether every term holds for the object's field values.
    public func matches(_ fields: [String: String]) -> Bool {
        terms.allSatisfy { $0.matches(fields) }
    }

    /// The value the selector pins `field` to with `=`/`==`, if any
    /// (`Selector.RequiresExactMatch`); lets a server turn
    /// `metadata.name=x` into a single read.
    public func requiredValue(forField field: String) -> String? {
        terms.first { $0.field == field && $0.operator != .notEquals }?.value
    }

    public var description: String {
        terms.map(\.description).joined(separator: ",")
    }

    // MARK: - Syntax

    /// Splits on commas not escaped by a backslash.
    private static func splitTerms(_ text: String) -> [String] {
        guard !text.isEmpty else { return [] }
        var terms: [String] = []
        var current = ""
        var inSlash = false
        for character in text {
            if inSlash {
                inSlash = false
            } else if character == "\\" {
                inSlash = true
            } else if character == "," {
                terms.append(current)
                current = ""
                continue
            }
            current.append(character)
        }
        terms.append(current)
        return terms
    }

    /// The first `!=`, `==` or `=` splits the term (no whitespace trimming,
    /// as in Kubernetes).
    private static func splitTerm(_ term: String) -> (String, Term.Operator, String)? {
        var index = term.startIndex
        while index < term.endIndex {
            let remaining = term[index...]
            for op in [Term.Operator.notEquals, .doubleEquals, .equals] where remaining.hasPrefix(op.rawValue) {
                let valueStart = term.index(index, offsetBy: op.rawValue.count)
                return (String(term[..<index]), op, String(term[valueStart...]))
            }
            index = term.index(after: index)
        }
        return nil
    }

    /// `fields.UnescapeValue`.
    private static func unescape(_ value: String) throws(SelectorError) -> String {
        var result = ""
        var inSlash = false
        for scalar in value.unicodeScalars {
            if inSlash {
                guard scalar == "\\" || scalar == "," || scalar == "=" else {
                    throw SelectorError(
                        code: SelectorError.invalidFieldSelector,
                        message: "invalid field selector: invalid escape sequence: \\\(scalar)")
                }
                result.unicodeScalars.append(scalar)
                inSlash = false
            } else if scalar == "\\" {
                inSlash = true
            } else if scalar == "," || scalar == "=" {
                // Go prints the rune with %v: its code point.
                throw SelectorError(
                    code: SelectorError.invalidFieldSelector,
                    message: "invalid field selector: unescaped character in value: \(scalar.value)")
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        if inSlash {
            throw SelectorError(
                code: SelectorError.invalidFieldSelector, message: "invalid field selector: invalid escape sequence: \\")
        }
        return result
    }

    /// `fields.EscapeValue`.
    static func escape(_ value: String) -> String {
        var result = ""
        for character in value {
            if character == "\\" || character == "," || character == "=" { result.append("\\") }
            result.append(character)
        }
        return result
    }
}
