/// Protobuf wire types this decoder accepts (groups, 3 and 4, are rejected:
/// Kubernetes never emits them).
enum ProtoWireType: UInt64, Sendable {
    case varint = 0
    case fixed64 = 1
    case lengthDelimited = 2
    case fixed32 = 5
}

/// A bounds-checked cursor over a byte range of protobuf wire data.
///
/// Every read checks the remaining length first, so hostile input can only
/// produce a `ProtobufError`, never an out-of-bounds access; every read also
/// consumes at least one byte, so loops over a reader always terminate.
struct ProtobufReader {
    /// The largest length prefix accepted (Go's decoder rejects larger ones as well).
    static let maxLength = UInt64(Int32.max)
    /// The largest field number protobuf allows.
    static let maxFieldNumber: UInt64 = (1 << 29) - 1

    private let bytes: [UInt8]
    private(set) var index: Int
    let end: Int

    /// A reader over `bytes` from offset `start` (clamped to the end) to the end.
    init(_ bytes: [UInt8], from start: Int = 0) {
        self.init(bytes, start: min(max(start, 0), bytes.count), end: bytes.count)
    }

    private init(_ bytes: [UInt8], start: Int, end: Int) {
        self.bytes = bytes
        self.index = start
        self.end = end
    }

    var isAtEnd: Bool { index >= end }

    /// The bytes not yet consumed.
    var remaining: ArraySlice<UInt8> { bytes[index..<end] }

    /// Reads a base-128 varint of at most 10 bytes.
    mutating func readVarint() throws(ProtobufError) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard index < end else { throw ProtobufError.truncated("a varint") }
            let byte = bytes[index]
            index += 1
            result |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return result }
            shift += 7
            if shift >= 64 {
                throw ProtobufError(.malformedVarint, "protobuf varint is longer than 10 bytes")
            }
        }
    }

    /// Reads a field tag: its number and wire type.
    mutating func readTag() throws(ProtobufError) -> (number: Int, wireType: ProtoWireType) {
        let key = try readVarint()
        let number = key >> 3
        guard number > 0, number <= Self.maxFieldNumber else {
            throw ProtobufError(.invalidTag, "protobuf field number \(number) is out of range")
        }
        guard let wireType = ProtoWireType(rawValue: key & 7) else {
            throw ProtobufError(
                .invalidTag, "protobuf field \(number) has unsupported wire type \(key & 7)")
        }
        return (Int(number), wireType)
    }

    /// Reads a length prefix and returns a reader over exactly that many bytes.
    mutating func readLengthDelimited() throws(ProtobufError) -> ProtobufReader {
        let length = try readVarint()
        guard length <= Self.maxLength else {
            throw ProtobufError(.invalidLength, "protobuf length \(length) is too large")
        }
        let count = Int(length)
        guard count <= end - index else {
            throw ProtobufError(
                .truncated, "protobuf length \(count) exceeds the \(end - index) bytes that remain")
        }
        let sub = ProtobufReader(bytes, start: index, end: index + count)
        index += count
        return sub
    }

    /// Skips one value of the given wire type.
    mutating func skip(_ wireType: ProtoWireType) throws(ProtobufError) {
        switch wireType {
        case .varint: _ = try readVarint()
        case .fixed64: try advance(8, "a 64-bit value")
        case .fixed32: try advance(4, "a 32-bit value")
        case .lengthDelimited: _ = try readLengthDelimited()
        }
    }

    private mutating func advance(_ count: Int, _ what: String) throws(ProtobufError) {
        guard count <= end - index else { throw ProtobufError.truncated(what) }
        index += count
    }
}
