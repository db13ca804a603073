import Foundation

/// metav1.Time: a timestamp serialized as RFC 3339 with second precision.
/// Fractional seconds and offsets are accepted when decoding.
public struct Time: Codable, Hashable, Comparable, Sendable, CustomStringConvertible {
    public var date: Date

    public init(_ date: Date) { self.date = date }

    public static var now: Time { Time(Date()) }

    public init?(rfc3339 text: String) {
        guard let date = RFC3339.parse(text) else { return nil }
        self.date = date
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let date = RFC3339.parse(text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "invalid RFC 3339 time \"\(text)\"")
        }
        self.date = date
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    public var description: String { RFC3339.format(date) }

    public static func < (lhs: Time, rhs: Time) -> Bool { lhs.date < rhs.date }
}

/// metav1.MicroTime: RFC 3339 with microseconds (Lease renewTime, Event eventTime).
public struct MicroTime: Codable, Hashable, Comparable, Sendable, CustomStringConvertible {
    public var date: Date

    public init(_ date: Date) { self.date = date }

    public static var now: MicroTime { MicroTime(Date()) }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let date = RFC3339.parse(text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "invalid RFC 3339 time \"\(text)\"")
        }
        self.date = date
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    public var description: String { RFC3339.format(date, fractionDigits: 6) }

    public static func < (lhs: MicroTime, rhs: MicroTime) -> Bool { lhs.date < rhs.date }
}
