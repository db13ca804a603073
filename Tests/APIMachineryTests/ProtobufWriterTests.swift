import Foundation
import KubeModel
import Testing

/// Parses the JSON a protobuf fixture is expected to decode to.
func protobufExpectedJSON(_ text: String) throws -> JSONValue {
    try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
}

/// A tiny protobuf writer for test fixtures. Like Go's generated marshallers,
/// callers write every non-pointer field, zero or not, in field-number order.
struct ProtoWriter {
    private(set) var bytes: [UInt8] = []

    mutating func varint(_ value: UInt64) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(value & 0x7F) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    /// Appends bytes as they are (for fixed-width values).
    mutating func raw(_ value: [UInt8]) {
        bytes += value
    }

    mutating func tag(_ field: Int, _ wireType: UInt64) {
        varint(UInt64(field) << 3 | wireType)
    }

    /// A varint field holding a signed integer (negative numbers take 10 bytes, as in Go).
    mutating func int(_ field: Int, _ value: Int64) {
        tag(field, 0)
        varint(UInt64(bitPattern: value))
    }

    mutating func bool(_ field: Int, _ value: Bool) {
        int(field, value ? 1 : 0)
    }

    mutating func bytes(_ field: Int, _ value: [UInt8]) {
        tag(field, 2)
        varint(UInt64(value.count))
        bytes += value
    }

    mutating func string(_ field: Int, _ value: String) {
        bytes(field, Array(value.utf8))
    }

    /// Strings, one field occurrence each (Go never packs strings).
    mutating func strings(_ field: Int, _ values: [String]) {
        for value in values { string(field, value) }
    }

    mutating func message(_ field: Int, _ build: (inout ProtoWriter) -> Void = { _ in }) {
        var nested = ProtoWriter()
        build(&nested)
        bytes(field, nested.bytes)
    }

    /// A `map<string, string>` written like Go: one entry message per key, keys sorted.
    mutating func map(_ field: Int, _ entries: [String: String]) {
        for key in entries.keys.sorted() {
            message(field) {
                $0.string(1, key)
                $0.string(2, entries[key] ?? "")
            }
        }
    }

    /// A Go `metav1.Time` with a non-zero value.
    mutating func time(_ field: Int, seconds: Int64) {
        message(field) { $0.int(1, seconds) }
    }

    /// ObjectMeta as Go marshals it: every string and the zero creationTimestamp are always present.
    mutating func objectMeta(
        _ field: Int = 1, name: String = "", namespace: String = "", labels: [String: String] = [:],
        extra: (inout ProtoWriter) -> Void = { _ in }
    ) {
        message(field) {
            $0.string(1, name)
            $0.string(2, "")
            $0.string(3, namespace)
            $0.string(4, "")
            $0.string(5, "")
            $0.string(6, "")
            $0.int(7, 0)
            $0.message(8)
            $0.map(11, labels)
            extra(&$0)
        }
    }

    /// A complete request body: magic, then a `runtime.Unknown` envelope around `raw`.
    static func envelope(
        apiVersion: String, kind: String, contentEncoding: String = "", contentType: String = "",
        _ build: (inout ProtoWriter) -> Void
    ) -> [UInt8] {
        var raw = ProtoWriter()
        build(&raw)
        var unknown = ProtoWriter()
        unknown.message(1) {
            $0.string(1, apiVersion)
            $0.string(2, kind)
        }
        unknown.bytes(2, raw.bytes)
        unknown.string(3, contentEncoding)
        unknown.string(4, contentType)
        return [0x6B, 0x38, 0x73, 0x00] + unknown.bytes
    }
}

@Suite("Protobuf test writer")
struct ProtobufWriterTests {
    @Test func writesVarintsLikeTheProtobufSpec() {
        var writer = ProtoWriter()
        writer.varint(300)
        #expect(writer.bytes == [0xAC, 0x02])
    }

    @Test func writesNegativeIntsAsTenBytes() {
        var writer = ProtoWriter()
        writer.int(1, -1)
        #expect(writer.bytes == [0x08] + Array(repeating: 0xFF, count: 9) + [0x01])
    }

    @Test func writesEnvelopeWithMagic() {
        let body = ProtoWriter.envelope(apiVersion: "v1", kind: "ConfigMap") { _ in }
        #expect(Array(body.prefix(4)) == [0x6B, 0x38, 0x73, 0x00])
        #expect(body[4] == 0x0A)
    }
}
