/// The tokens of Kubernetes' label selector lexer (`labels.Lexer`).
enum LabelSelectorToken: Equatable {
    case error
    case endOfString
    case closedPar
    case comma
    case doesNotExist
    case doubleEquals
    case equals
    case greaterThan
    case identifier
    case `in`
    case lessThan
    case notEquals
    case notIn
    case openPar

    static let keywords: [String: LabelSelectorToken] = [
        ")": .closedPar, ",": .comma, "!": .doesNotExist, "==": .doubleEquals, "=": .equals, ">": .greaterThan,
        "in": .in, "<": .lessThan, "!=": .notEquals, "notin": .notIn, "(": .openPar,
    ]
}

/// A port of `labels.Parser`: tokens are scanned up front, then read with a
/// context in which `in`/`notin` are either keywords or plain values.
struct LabelSelectorParser {
    private struct Item {
        var token: LabelSelectorToken
        var literal: String
    }

    private enum Context { case keyAndOperator, values }

    private var items: [Item] = []
    private var position = 0

    init(_ text: String) {
        items = Self.scan(Array(text.unicodeScalars))
    }

    /// Parses the whole selector; requirements come back sorted by key.
    mutating func parse() throws(SelectorError) -> [LabelRequirement] {
        var requirements: [LabelRequirement] = []
        while true {
            let (token, literal) = lookahead(.values)
            switch token {
            case .identifier, .doesNotExist:
                do {
                    requirements.append(try parseRequirement())
                } catch {
                    throw syntax("unable to parse requirement: " + error.message)
                }
                let (next, nextLiteral) = consume(.values)
                switch next {
                case .endOfString:
                    return requirements.sorted { $0.key < $1.key }
                case .comma:
                    let (after, afterLiteral) = lookahead(.values)
                    if after != .identifier && after != .doesNotExist {
                        throw syntax("found '\(afterLiteral)', expected: identifier after ','")
                    }
                default:
                    throw syntax("found '\(nextLiteral)', expected: ',' or 'end of string'")
                }
            case .endOfString:
                return requirements.sorted { $0.key < $1.key }
            default:
                throw syntax("found '\(literal)', expected: !, identifier, or 'end of string'")
            }
        }
    }

    private mutating func parseRequirement() throws(SelectorError) -> LabelRequirement {
        var (token, literal) = consume(.values)
        var unary: LabelRequirement.Operator?
        if token == .doesNotExist {
            unary = .doesNotExist
            (token, literal) = consume(.values)
        }
        guard token == .identifier else { throw syntax("found '\(literal)', expected: identifier") }
        let key = literal
        let keyErrors = LabelValidation.qualifiedNameErrors(key)
        if !keyErrors.isEmpty {
            throw syntax("key: Invalid value: \(goQuoted(key)): " + keyErrors.joined(separator: "; "))
        }
        // A leading "!" is the whole requirement, whatever follows.
        if let unary { return try LabelRequirement(key: key, operator: unary, values: []) }
        let (next, _) = lookahead(.values)
        if next == .endOfString || next == .comma {
            return try LabelRequirement(key: key, operator: .exists, values: [])
        }
        let op = try parseOperator()
        let values: [String]
        switch op {
        case .in, .notIn: values = try parseValues()
        default: values = try parseExactValue()
        }
        return try LabelRequirement(key: key, operator: op, values: values)
    }

    private mutating func parseOperator() throws(SelectorError) -> LabelRequirement.Operator {
        let (token, literal) = consume(.keyAndOperator)
        switch token {
        case .in: return .in
        case .equals: return .equals
        case .doubleEquals: return .doubleEquals
        case .greaterThan: return .greaterThan
        case .lessThan: return .lessThan
        case .notIn: return .notIn
        case .notEquals: return .notEquals
        default: throw syntax("found '\(literal)', expected: in, notin, =, ==, !=, gt, lt")
        }
    }

    private mutating func parseValues() throws(SelectorError) -> [String] {
        let (token, literal) = consume(.values)
        guard token == .openPar else { throw syntax("found '\(literal)' expected: '('") }
        let (next, nextLiteral) = lookahead(.values)
        switch next {
        case .identifier, .comma:
            let values = try parseIdentifiersList()
            let (closing, _) = consume(.values)
            guard closing == .closedPar else { throw syntax("found '\(nextLiteral)', expected: ')'") }
            return values
        case .closedPar:
            _ = consume(.values)
            return [""]
        default:
            throw syntax("found '\(nextLiteral)', expected: ',', ')' or identifier")
        }
    }

    private mutating func parseIdentifiersList() throws(SelectorError) -> [String] {
        var values: Set<String> = []
        while true {
            let (token, literal) = consume(.values)
            switch token {
            case .identifier:
                values.insert(literal)
                let (next, nextLiteral) = lookahead(.values)
                switch next {
                case .comma: continue
                case .closedPar: return Array(values)
                default: throw syntax("found '\(nextLiteral)', expected: ',' or ')'")
                }
            case .comma:
                if values.isEmpty { values.insert("") }
                let (next, _) = lookahead(.values)
                if next == .closedPar {
                    values.insert("")
                    return Array(values)
                }
                if next == .comma {
                    _ = consume(.values)
                    values.insert("")
                }
            default:
                throw syntax("found '\(literal)', expected: ',', or identifier")
            }
        }
    }

    private mutating func parseExactValue() throws(SelectorError) -> [String] {
        let (next, _) = lookahead(.values)
        if next == .endOfString || next == .comma { return [""] }
        let (token, literal) = consume(.values)
        guard token == .identifier else { throw syntax("found '\(literal)', expected: identifier") }
        return [literal]
    }

    // MARK: - Token stream

    private func lookahead(_ context: Context) -> (LabelSelectorToken, String) {
        let item = position < items.count ? items[position] : Item(token: .endOfString, literal: "")
        if context == .values, item.token == .in || item.token == .notIn { return (.identifier, item.literal) }
        return (item.token, item.literal)
    }

    private mutating func consume(_ context: Context) -> (LabelSelectorToken, String) {
        let result = lookahead(context)
        position += 1
        return result
    }

    private func syntax(_ message: String) -> SelectorError {
        SelectorError(code: SelectorError.invalidLabelSelector, message: message)
    }

    // MARK: - Lexer

    private static func isWhitespace(_ c: Unicode.Scalar) -> Bool { c == " " || c == "\t" || c == "\r" || c == "\n" }

    private static func isSpecialSymbol(_ c: Unicode.Scalar) -> Bool {
        c == "=" || c == "!" || c == "(" || c == ")" || c == "," || c == ">" || c == "<"
    }

    private static func scan(_ scalars: [Unicode.Scalar]) -> [Item] {
        var items: [Item] = []
        var index = 0
        while true {
            while index < scalars.count, isWhitespace(scalars[index]) { index += 1 }
            guard index < scalars.count else {
                items.append(Item(token: .endOfString, literal: ""))
                return items
            }
            if isSpecialSymbol(scalars[index]) {
                items.append(scanSpecialSymbol(scalars, &index))
            } else {
                var word = ""
                while index < scalars.count, !isWhitespace(scalars[index]), !isSpecialSymbol(scalars[index]) {
                    word.unicodeScalars.append(scalars[index])
                    index += 1
                }
                let keyword = LabelSelectorToken.keywords[word]
                items.append(Item(token: keyword == .in || keyword == .notIn ? keyword ?? .identifier : .identifier, literal: word))
            }
        }
    }

    /// The longest run of special symbols that forms a token.
    private static func scanSpecialSymbol(_ scalars: [Unicode.Scalar], _ index: inout Int) -> Item {
        var buffer = ""
        var last: Item?
        while index < scalars.count, isSpecialSymbol(scalars[index]) {
            buffer.unicodeScalars.append(scalars[index])
            if let token = LabelSelectorToken.keywords[buffer] {
                last = Item(token: token, literal: buffer)
            } else if last != nil {
                break
            }
            index += 1
        }
        return last ?? Item(token: .error, literal: "error expected: keyword found '\(buffer)'")
    }
}
