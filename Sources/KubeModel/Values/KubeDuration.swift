/// metav1.Duration: Go's duration syntax ("90s", "10m", "1h30m", "1.5h", "300ms").
///
/// Named `KubeDuration` so it never shadows the standard library's `Duration`.
public struct KubeDuration: Codable, Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Length in nanoseconds.
    public var nanoseconds: Int64

    public init(nanoseconds: Int64) { self.nanoseconds = nanoseconds }
    public init(seconds: Double) { self.nanoseconds = Int64(seconds * 1e9) }

    public var seconds: Double { Double(nanoseconds) / 1e9 }
    public var duration: Duration { .nanoseconds(nanoseconds) }

    private static let units: [(String, Double)] = [
        ("ns", 1), ("us", 1e3), ("µs", 1e3), ("μs", 1e3), ("ms", 1e6), ("s", 1e9), ("m", 60e9), ("h", 3600e9),
    ]

    /// Parses Go's duration syntax; nil when the text is not a duration.
    public init?(parsing text: String) {
        var rest = Substring(text)
        var negative = false
        if let first = rest.first, first == "-" || first == "+" {
            negative = first == "-"
            rest = rest.dropFirst()
        }
        if rest == "0" {
            self.nanoseconds = 0
            return
        }
        guard !rest.isEmpty else { return nil }
        var total = 0.0
        while !rest.isEmpty {
            let number = rest.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
            guard !number.isEmpty, number != ".", let value = Double(number) else { return nil }
            rest = rest.dropFirst(number.count)
            let unitText = rest.prefix { !($0.isASCII && ($0.isNumber || $0 == ".")) }
            // Longest unit first so "ms" is not read as "m" followed by "s".
            guard let unit = Self.units.filter({ $0.0 == unitText }).first else { return nil }
            rest = rest.dropFirst(unitText.count)
            total += value * unit.1
        }
        guard total < 9.2e18 else { return nil }
        self.nanoseconds = Int64(total) * (negative ? -1 : 1)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let parsed = KubeDuration(parsing: text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "invalid duration \"\(text)\"")
        }
        self = parsed
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    /// Go's canonical form: "1h30m0s", "1m30s", "1.5s", "300ms", "0s".
    public var description: String {
        if nanoseconds == 0 { return "0s" }
        let sign = nanoseconds < 0 ? "-" : ""
        let magnitude = nanoseconds.magnitude
        if magnitude < 1_000_000_000 {
            if magnitude % 1_000_000 == 0 { return sign + "\(magnitude / 1_000_000)ms" }
            if magnitude % 1_000 == 0 { return sign + "\(magnitude / 1_000)µs" }
            return sign + "\(magnitude)ns"
        }
        let hours = magnitude / 3_600_000_000_000
        let minutes = magnitude / 60_000_000_000 % 60
        let secondsPart = magnitude % 60_000_000_000
        var secondsText = String(secondsPart / 1_000_000_000)
        let fraction = secondsPart % 1_000_000_000
        if fraction != 0 {
            var digits = String(fraction)
            digits = String(repeating: "0", count: 9 - digits.count) + digits
            while digits.hasSuffix("0") { digits.removeLast() }
            secondsText += "." + digits
        }
        var text = sign
        if hours > 0 { text += "\(hours)h" }
        if hours > 0 || minutes > 0 { text += "\(minutes)m" }
        return text + secondsText + "s"
    }

    public static func < (lhs: KubeDuration, rhs: KubeDuration) -> Bool { lhs.nanoseconds < rhs.nanoseconds }
}
