import KubeModel

/// Decodes protobuf messages into the JSON Go's `encoding/json` would produce
/// for the same Kubernetes object, driven by `ProtoMessage` descriptors.
///
/// Go's generated marshallers write every non-pointer field, zero or not, so
/// zero scalars of `omitempty` fields are dropped here to match Go's JSON.
/// Unknown field numbers are skipped, as Go's own unmarshaller does.
struct ProtoMessageDecoder {
    let maxDepth: Int

    /// Decodes the message in `reader` at nesting level `depth` (the root is 1).
    func object(
        _ message: ProtoMessage, _ reader: ProtobufReader, depth: Int
    ) throws(ProtobufError) -> [String: JSONValue] {
        guard depth <= maxDepth else {
            throw ProtobufError(.tooDeep, "protobuf messages are nested deeper than \(maxDepth) levels")
        }
        var reader = reader
        var object: [String: JSONValue] = [:]
        var lists: [String: [JSONValue]] = [:]
        var maps: [String: [String: JSONValue]] = [:]
        while !reader.isAtEnd {
            let (number, wireType) = try reader.readTag()
            guard let field = message.fields[number] else {
                try reader.skip(wireType)
                continue
            }
            switch field.label {
            case .single(let omitEmpty):
                let value = try self.value(field, in: message, wireType, &reader, depth: depth)
                if omitEmpty, Self.isZero(value) {
                    object[field.name] = nil
                } else {
                    object[field.name] = Self.merge(object[field.name], value)
                }
            case .repeated:
                if wireType == .lengthDelimited, field.type.isVarint {
                    var packed = try reader.readLengthDelimited()
                    while !packed.isAtEnd {
                        lists[field.name, default: []].append(Self.varint(field.type, try packed.readVarint()))
                    }
                } else {
                    lists[field.name, default: []].append(
                        try value(field, in: message, wireType, &reader, depth: depth))
                }
            case .map:
                try check(field, in: message, wireType, expected: .lengthDelimited)
                let (key, value) = try entry(field, in: message, try reader.readLengthDelimited(), depth: depth + 1)
                maps[field.name, default: [:]][key] = value
            case .inline:
                let inlined = try value(field, in: message, wireType, &reader, depth: depth)
                for (key, value) in inlined.objectValue ?? [:] {
                    object[key] = Self.merge(object[key], value)
                }
            case .unsupported:
                try reject(field, in: message, wireType, &reader)
            }
        }
        for (name, list) in lists { object[name] = .array(list) }
        for (name, map) in maps { object[name] = .object(map) }
        return object
    }

    /// Decodes one value of `field` (a single value, one list element or one map value).
    private func value(
        _ field: ProtoField, in message: ProtoMessage, _ wireType: ProtoWireType,
        _ reader: inout ProtobufReader, depth: Int
    ) throws(ProtobufError) -> JSONValue {
        try check(field, in: message, wireType, expected: field.type.isVarint ? .varint : .lengthDelimited)
        if field.type.isVarint { return Self.varint(field.type, try reader.readVarint()) }
        let sub = try reader.readLengthDelimited()
        switch field.type {
        case .string: return .string(ProtoValueFormat.string(sub.remaining))
        case .bytes: return .string(ProtoValueFormat.base64(sub.remaining))
        case .message(let nested): return .object(try object(nested(), sub, depth: depth + 1))
        case .time: return try ProtoWellKnown.time(sub)
        case .quantity: return try ProtoWellKnown.quantity(sub)
        case .intOrString: return try ProtoWellKnown.intOrString(sub)
        case .rawJSON: return try ProtoWellKnown.rawJSON(sub)
        case .stringList: return try ProtoWellKnown.stringList(sub)
        case .bool, .int32, .int64: return .null  // handled above as varints
        }
    }

    /// Decodes a map entry message {key=1, value=2}; absent parts take zero values, as in Go.
    private func entry(
        _ field: ProtoField, in message: ProtoMessage, _ reader: ProtobufReader, depth: Int
    ) throws(ProtobufError) -> (String, JSONValue) {
        guard depth <= maxDepth else {
            throw ProtobufError(.tooDeep, "protobuf messages are nested deeper than \(maxDepth) levels")
        }
        var reader = reader
        var key = ""
        var value: JSONValue?
        while !reader.isAtEnd {
            let (number, wireType) = try reader.readTag()
            switch number {
            case 1:
                try check(field, in: message, wireType, expected: .lengthDelimited)
                key = ProtoValueFormat.string(try reader.readLengthDelimited().remaining)
            case 2:
                value = try self.value(field, in: message, wireType, &reader, depth: depth)
            default:
                try reader.skip(wireType)
            }
        }
        return (key, value ?? field.type.zeroValue)
    }

    private func check(
        _ field: ProtoField, in message: ProtoMessage, _ wireType: ProtoWireType, expected: ProtoWireType
    ) throws(ProtobufError) {
        guard wireType != expected else { return }
        throw ProtobufError(
            .wrongWireType,
            "\(message.name) field \(field.number) (\(field.name)) has wire type "
                + "\(wireType.rawValue), expected \(expected.rawValue)")
    }

    /// Rejects a value for a field this decoder does not model, unless it is empty.
    private func reject(
        _ field: ProtoField, in message: ProtoMessage, _ wireType: ProtoWireType,
        _ reader: inout ProtobufReader
    ) throws(ProtobufError) {
        let isEmpty: Bool
        switch wireType {
        case .varint: isEmpty = try reader.readVarint() == 0
        case .lengthDelimited: isEmpty = try reader.readLengthDelimited().isAtEnd
        case .fixed32, .fixed64:
            try reader.skip(wireType)
            isEmpty = false
        }
        guard !isEmpty else { return }
        throw ProtobufError(
            .unsupportedField,
            "\(message.name).\(field.name) (field \(field.number)) is not supported by this server's "
                + "protobuf decoder: send JSON instead")
    }

    private static func varint(_ type: ProtoType, _ raw: UInt64) -> JSONValue {
        switch type {
        case .bool: .bool(raw != 0)
        case .int32: .integer(Int64(Int32(truncatingIfNeeded: raw)))
        default: .integer(Int64(bitPattern: raw))
        }
    }

    private static func isZero(_ value: JSONValue) -> Bool {
        switch value {
        case .string(let string): string.isEmpty
        case .integer(let integer): integer == 0
        case .bool(let bool): !bool
        default: false
        }
    }

    /// Protobuf merge semantics for a field seen twice: messages merge, lists append, scalars replace.
    private static func merge(_ old: JSONValue?, _ new: JSONValue) -> JSONValue {
        switch (old, new) {
        case (.object(var merged)?, .object(let fields)):
            for (key, value) in fields { merged[key] = merge(merged[key], value) }
            return .object(merged)
        case (.array(let first)?, .array(let second)):
            return .array(first + second)
        default:
            return new
        }
    }
}

extension ProtoType {
    /// Encoded as a varint (and packable in repeated fields).
    var isVarint: Bool {
        switch self {
        case .bool, .int32, .int64: true
        default: false
        }
    }

    /// Go's zero value, used for map entries without a value.
    var zeroValue: JSONValue {
        switch self {
        case .string, .bytes: .string("")
        case .bool: .bool(false)
        case .int32, .int64, .intOrString: .integer(0)
        case .quantity: .string("0")
        case .time, .rawJSON, .stringList: .null
        case .message: .object([:])
        }
    }
}
