import KubeModel

/// The small apimachinery messages whose JSON form is not an object.
enum ProtoWellKnown {
    /// meta/v1 `Time` {seconds=1, nanos=2}. An empty message is the zero time,
    /// which Go renders as `null`; nanos are ignored, as Go's `Time.Unmarshal` does.
    static func time(_ reader: ProtobufReader) throws(ProtobufError) -> JSONValue {
        guard !reader.isAtEnd else { return .null }
        var reader = reader
        var seconds: Int64 = 0
        while !reader.isAtEnd {
            let (number, wireType) = try reader.readTag()
            if number == 1, wireType == .varint {
                seconds = Int64(bitPattern: try reader.readVarint())
            } else {
                try expect(number != 1, "Time.seconds", wireType)
                try reader.skip(wireType)
            }
        }
        guard let text = ProtoValueFormat.rfc3339(seconds: seconds) else {
            throw ProtobufError(.invalidValue, "timestamp \(seconds)s is outside years 0001-9999")
        }
        return .string(text)
    }

    /// api/resource `Quantity` {string=1}; absent is the zero quantity "0".
    static func quantity(_ reader: ProtobufReader) throws(ProtobufError) -> JSONValue {
        var reader = reader
        var text = "0"
        while !reader.isAtEnd {
            let (number, wireType) = try reader.readTag()
            if number == 1, wireType == .lengthDelimited {
                text = ProtoValueFormat.string(try reader.readLengthDelimited().remaining)
            } else {
                try expect(number != 1, "Quantity.string", wireType)
                try reader.skip(wireType)
            }
        }
        return .string(text)
    }

    /// util/intstr `IntOrString` {type=1 (0 int, 1 string), intVal=2, strVal=3}.
    static func intOrString(_ reader: ProtobufReader) throws(ProtobufError) -> JSONValue {
        var reader = reader
        var kind: UInt64 = 0
        var intValue: Int32 = 0
        var stringValue = ""
        while !reader.isAtEnd {
            let (number, wireType) = try reader.readTag()
            switch (number, wireType) {
            case (1, .varint): kind = try reader.readVarint()
            case (2, .varint): intValue = Int32(truncatingIfNeeded: try reader.readVarint())
            case (3, .lengthDelimited):
                stringValue = ProtoValueFormat.string(try reader.readLengthDelimited().remaining)
            default:
                try expect(number > 3, "IntOrString field \(number)", wireType)
                try reader.skip(wireType)
            }
        }
        switch kind {
        case 0: return .integer(Int64(intValue))
        case 1: return .string(stringValue)
        default: throw ProtobufError(.invalidValue, "IntOrString has invalid type \(kind)")
        }
    }

    /// runtime `RawExtension` / meta/v1 `FieldsV1` {raw=1}: the embedded JSON.
    static func rawJSON(_ reader: ProtobufReader) throws(ProtobufError) -> JSONValue {
        var reader = reader
        var raw: ArraySlice<UInt8> = []
        while !reader.isAtEnd {
            let (number, wireType) = try reader.readTag()
            if number == 1, wireType == .lengthDelimited {
                raw = try reader.readLengthDelimited().remaining
            } else {
                try expect(number != 1, "RawExtension.raw", wireType)
                try reader.skip(wireType)
            }
        }
        return try ProtoValueFormat.json(raw)
    }

    /// A `{repeated string items = 1}` wrapper (`ExtraValue`): a JSON array of strings.
    static func stringList(_ reader: ProtobufReader) throws(ProtobufError) -> JSONValue {
        var reader = reader
        var items: [JSONValue] = []
        while !reader.isAtEnd {
            let (number, wireType) = try reader.readTag()
            if number == 1, wireType == .lengthDelimited {
                items.append(.string(ProtoValueFormat.string(try reader.readLengthDelimited().remaining)))
            } else {
                try expect(number != 1, "items", wireType)
                try reader.skip(wireType)
            }
        }
        return .array(items)
    }

    /// Throws unless `condition` holds (a known field arrived with the wrong wire type).
    private static func expect(
        _ condition: Bool, _ field: String, _ wireType: ProtoWireType
    ) throws(ProtobufError) {
        guard !condition else { return }
        throw ProtobufError(.wrongWireType, "\(field) has unexpected wire type \(wireType.rawValue)")
    }
}
