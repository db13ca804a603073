/// A string enumeration that keeps values it does not know.
///
/// Kubernetes APIs add enum values over time; a client that rejected unknown
/// values would break on a newer server. Conforming types are structs holding
/// the raw string with the known values as static members.
public protocol OpenEnum: RawRepresentable, Codable, Hashable, Sendable, CustomStringConvertible,
    ExpressibleByStringLiteral where RawValue == String
{
    init(rawValue: String)
    /// The values this version knows, in documentation order.
    static var knownValues: [Self] { get }
}

extension OpenEnum {
    public init(stringLiteral value: String) { self.init(rawValue: value) }
    public var description: String { rawValue }
    public var isKnown: Bool { Self.knownValues.contains(self) }

    public init(from decoder: any Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
