import Foundation

extension JSONValue {
    /// Converts any Encodable value into its JSON value.
    public init<T: Encodable>(encoding value: T) throws {
        self = try JSONParser.parse(JSONEncoder().encode(value))
    }

    /// Decodes this value as the given Decodable type.
    public func decode<T: Decodable>(as type: T.Type = T.self) throws -> T {
        try JSONDecoder().decode(T.self, from: serializedJSON())
    }

    /// Compact JSON with sorted keys: a stable form for comparison and storage.
    public func canonicalJSON() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }
}
