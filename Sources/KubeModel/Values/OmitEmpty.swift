/// A collection that can be empty; what `OmitEmpty` needs to know.
public protocol EmptyRepresentable {
    init()
    var isEmpty: Bool { get }
}

extension Array: EmptyRepresentable {}
extension Dictionary: EmptyRepresentable {}
extension String: EmptyRepresentable {}

/// Encodes a collection only when it is not empty, and decodes a missing or
/// null member as empty: Go's `omitempty` for lists and maps, without making
/// every Swift caller unwrap optionals.
@propertyWrapper
public struct OmitEmpty<Value: Codable & Sendable & Hashable & EmptyRepresentable>: Sendable, Hashable {
    public var wrappedValue: Value

    public init(wrappedValue: Value) {
        self.wrappedValue = wrappedValue
    }
}

extension OmitEmpty: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        wrappedValue = container.decodeNil() ? Value() : try container.decode(Value.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(wrappedValue)
    }
}

extension KeyedDecodingContainer {
    public func decode<Value>(_ type: OmitEmpty<Value>.Type, forKey key: Key) throws -> OmitEmpty<Value> {
        OmitEmpty(wrappedValue: try decodeIfPresent(Value.self, forKey: key) ?? Value())
    }
}

extension KeyedEncodingContainer {
    public mutating func encode<Value>(_ value: OmitEmpty<Value>, forKey key: Key) throws {
        if !value.wrappedValue.isEmpty {
            try encode(value.wrappedValue, forKey: key)
        }
    }
}
