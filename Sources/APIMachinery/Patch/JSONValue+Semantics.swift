import KubeModel

extension JSONValue {
    /// JSON equality: numbers compare by value (`1 == 1.0`), objects ignore key order.
    func isSemanticallyEqual(to other: JSONValue) -> Bool {
        switch (self, other) {
        case (.integer(let lhs), .integer(let rhs)):
            return lhs == rhs
        case (.integer, .number), (.number, .integer), (.number, .number):
            return numberValue == other.numberValue
        case (.array(let lhs), .array(let rhs)):
            return lhs.count == rhs.count && zip(lhs, rhs).allSatisfy { $0.isSemanticallyEqual(to: $1) }
        case (.object(let lhs), .object(let rhs)):
            guard lhs.count == rhs.count else { return false }
            return lhs.allSatisfy { key, value in
                rhs[key].map { value.isSemanticallyEqual(to: $0) } ?? false
            }
        default:
            return self == other
        }
    }

    /// The same value with whole-number doubles turned into integers, so that
    /// `Hashable` equality agrees with `isSemanticallyEqual`.
    var normalizedNumbers: JSONValue {
        switch self {
        case .number(let value):
            if let integer = integerValue, Double(integer) == value { return .integer(integer) }
            return self
        case .array(let items):
            return .array(items.map(\.normalizedNumbers))
        case .object(let members):
            return .object(members.mapValues(\.normalizedNumbers))
        default:
            return self
        }
    }
}

extension [JSONValue] {
    /// Whether some element is semantically equal to `value`.
    func containsSemantically(_ value: JSONValue) -> Bool {
        contains { $0.isSemanticallyEqual(to: value) }
    }
}
