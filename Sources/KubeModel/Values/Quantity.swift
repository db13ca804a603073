import Foundation

/// resource.Quantity: "500m", "1Gi", "2", "1.5", "1e3".
///
/// The text is kept as written (what the user applied is what they read back);
/// `value` is the exact decimal amount used for comparison and arithmetic.
public struct Quantity: Codable, Hashable, Comparable, Sendable, CustomStringConvertible,
    ExpressibleByStringLiteral
{
    public let text: String
    public let value: Decimal

    private static let suffixes: [String: Decimal] = [
        "": 1,
        "n": Decimal(sign: .plus, exponent: -9, significand: 1),
        "u": Decimal(sign: .plus, exponent: -6, significand: 1),
        "m": Decimal(sign: .plus, exponent: -3, significand: 1),
        "k": Decimal(sign: .plus, exponent: 3, significand: 1),
        "M": Decimal(sign: .plus, exponent: 6, significand: 1),
        "G": Decimal(sign: .plus, exponent: 9, significand: 1),
        "T": Decimal(sign: .plus, exponent: 12, significand: 1),
        "P": Decimal(sign: .plus, exponent: 15, significand: 1),
        "E": Decimal(sign: .plus, exponent: 18, significand: 1),
        "Ki": Decimal(1 << 10), "Mi": Decimal(1 << 20), "Gi": Decimal(1 << 30),
        "Ti": Decimal(1 << 40), "Pi": Decimal(1 << 50), "Ei": Decimal(1 << 60),
    ]

    /// Parses a quantity; nil when the text is not one.
    public init?(parsing text: String) {
        var rest = Substring(text.trimmingCharacters(in: .whitespaces))
        var negative = false
        if let first = rest.first, first == "+" || first == "-" {
            negative = first == "-"
            rest = rest.dropFirst()
        }
        let number = rest.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
        guard !number.isEmpty, number != ".", number.filter({ $0 == "." }).count <= 1,
            var amount = Decimal(string: String(number), locale: Locale(identifier: "en_US_POSIX"))
        else { return nil }
        let suffix = String(rest.dropFirst(number.count))
        if let multiplier = Self.suffixes[suffix] {
            amount *= multiplier
        } else if let first = suffix.first, first == "e" || first == "E",
            let exponent = Int(suffix.dropFirst()), abs(exponent) <= 60
        {
            amount *= Decimal(sign: .plus, exponent: exponent, significand: 1)
        } else {
            return nil
        }
        self.text = text
        self.value = negative ? -amount : amount
    }

    public init(stringLiteral value: String) {
        self = Quantity(parsing: value) ?? Quantity(text: value, value: 0)
    }

    public init(_ integer: Int) {
        self.init(text: String(integer), value: Decimal(integer))
    }

    private init(text: String, value: Decimal) {
        self.text = text
        self.value = value
    }

    /// The amount in thousandths, rounded up (as Kubernetes' MilliValue).
    public var milliValue: Int64 { Self.roundUp(value * 1000) }

    /// The amount as a whole number, rounded up (as Kubernetes' Value).
    public var integerValue: Int64 { Self.roundUp(value) }

    private static func roundUp(_ decimal: Decimal) -> Int64 {
        var source = decimal
        var rounded = Decimal()
        NSDecimalRound(&rounded, &source, 0, .up)
        let number = NSDecimalNumber(decimal: rounded)
        if number.compare(NSDecimalNumber(value: Int64.max)) == .orderedDescending { return .max }
        if number.compare(NSDecimalNumber(value: Int64.min)) == .orderedAscending { return .min }
        return number.int64Value
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text: String
        if let integer = try? container.decode(Int64.self) {
            text = String(integer)
        } else if let double = try? container.decode(Double.self) {
            text = String(double)
        } else {
            text = try container.decode(String.self)
        }
        guard let parsed = Quantity(parsing: text) else {
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription: "quantities must match the regular expression "
                    + "'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$', got \"\(text)\"")
        }
        self = parsed
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }

    public var description: String { text }

    public static func < (lhs: Quantity, rhs: Quantity) -> Bool { lhs.value < rhs.value }

    /// Equal amounts are equal quantities, however they are written ("1Gi" == "1024Mi").
    public static func == (lhs: Quantity, rhs: Quantity) -> Bool { lhs.value == rhs.value }

    public func hash(into hasher: inout Hasher) { hasher.combine(value) }
}
