import NIOCore

extension JetStream {
    /// Decodes a publish acknowledgement. The common answer
    /// `{"stream":"S", "seq":N[, "duplicate":true]}` (nats-server puts a
    /// space after the commas) is scanned directly;
    /// anything else (errors, a domain) goes through the JSON decoder.
    static func decodePubAck(_ message: NATSMessage) throws -> PubAck {
        if let fast = scanPubAck(message.payload.readableBytesView) { return fast }
        return try decodeAPIResponse(PubAck.self, from: message)
    }

    static func scanPubAck(_ bytes: ByteBufferView) -> PubAck? {
        let text = Array(bytes)
        guard text.count < 512, text.first == UInt8(ascii: "{"), text.last == UInt8(ascii: "}") else { return nil }
        var stream: String?
        var sequence: UInt64?
        var duplicate = false
        var index = 1
        func skipSpaces() {
            while index < text.count, text[index] == UInt8(ascii: " ") || text[index] == UInt8(ascii: "\t") { index += 1 }
        }
        while index < text.count - 1 {
            skipSpaces()
            guard text[index] == UInt8(ascii: "\"") else { return nil }
            guard let keyEnd = text[(index + 1)...].firstIndex(of: UInt8(ascii: "\"")) else { return nil }
            let key = text[(index + 1)..<keyEnd]
            index = keyEnd + 1
            skipSpaces()
            guard index < text.count, text[index] == UInt8(ascii: ":") else { return nil }
            index += 1
            skipSpaces()
            if key.elementsEqual("stream".utf8) {
                guard index < text.count, text[index] == UInt8(ascii: "\""),
                      let end = text[(index + 1)...].firstIndex(of: UInt8(ascii: "\""))
                else { return nil }
                let value = text[(index + 1)..<end]
                if value.contains(UInt8(ascii: "\\")) { return nil }
                stream = String(decoding: value, as: UTF8.self)
                index = end + 1
            } else if key.elementsEqual("seq".utf8) {
                var value: UInt64 = 0
                var digits = 0
                while index < text.count, text[index] >= 48, text[index] <= 57 {
                    let (product, overflow) = value.multipliedReportingOverflow(by: 10)
                    if overflow { return nil }
                    value = product + UInt64(text[index] - 48)
                    index += 1
                    digits += 1
                }
                guard digits > 0 else { return nil }
                sequence = value
            } else if key.elementsEqual("duplicate".utf8) {
                if text[index...].starts(with: "true".utf8) {
                    duplicate = true
                    index += 4
                } else if text[index...].starts(with: "false".utf8) {
                    index += 5
                } else {
                    return nil
                }
            } else {
                return nil
            }
            skipSpaces()
            if index < text.count - 1 {
                guard text[index] == UInt8(ascii: ",") else { return nil }
                index += 1
            }
        }
        guard let stream, let sequence else { return nil }
        return PubAck(stream: stream, seq: sequence, duplicate: duplicate ? true : nil, domain: nil)
    }
}
