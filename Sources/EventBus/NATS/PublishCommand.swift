import NIOCore

/// One PUB or HPUB, encoded with a single capacity check and raw copies.
struct PublishCommand {
    enum Reply {
        case subject(String)
        /// `<prefix>.<token>` on the shared inbox, written without building the string.
        case inbox(prefix: String, token: UInt64)
    }

    var subject: String
    var reply: Reply?
    var headerBlock: ByteBuffer?
    var payload: ByteBuffer

    var totalSize: Int { payload.readableBytes + (headerBlock?.readableBytes ?? 0) }

    var maximumEncodedLength: Int {
        let replyLength: Int
        switch reply {
        case .subject(let text)?: replyLength = text.utf8.count + 1
        case .inbox(let prefix, _)?: replyLength = prefix.utf8.count + 22
        case nil: replyLength = 0
        }
        return 6 + subject.utf8.count + 1 + replyLength + 42 + totalSize + 2
    }

    func write(to buffer: inout ByteBuffer) {
        let capacity = maximumEncodedLength
        buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: capacity) { raw in
            guard let base = raw.baseAddress else { return 0 }
            var offset = 0
            if headerBlock != nil {
                Self.put("HPUB ", base, &offset)
            } else {
                Self.put("PUB ", base, &offset)
            }
            Self.copy(subject, base, &offset)
            switch reply {
            case .subject(let text)?:
                base.storeBytes(of: UInt8(ascii: " "), toByteOffset: offset, as: UInt8.self)
                offset += 1
                Self.copy(text, base, &offset)
            case .inbox(let prefix, let token)?:
                base.storeBytes(of: UInt8(ascii: " "), toByteOffset: offset, as: UInt8.self)
                offset += 1
                Self.copy(prefix, base, &offset)
                base.storeBytes(of: UInt8(ascii: "."), toByteOffset: offset, as: UInt8.self)
                offset += 1
                Self.decimal(Int(truncatingIfNeeded: token), base, &offset)
            case nil:
                break
            }
            base.storeBytes(of: UInt8(ascii: " "), toByteOffset: offset, as: UInt8.self)
            offset += 1
            if let headerBlock {
                Self.decimal(headerBlock.readableBytes, base, &offset)
                base.storeBytes(of: UInt8(ascii: " "), toByteOffset: offset, as: UInt8.self)
                offset += 1
            }
            Self.decimal(totalSize, base, &offset)
            Self.put("\r\n", base, &offset)
            if let headerBlock { Self.copy(headerBlock, base, &offset) }
            Self.copy(payload, base, &offset)
            Self.put("\r\n", base, &offset)
            return offset
        }
    }

    private static func put(_ text: StaticString, _ base: UnsafeMutableRawPointer, _ offset: inout Int) {
        (base + offset).copyMemory(from: text.utf8Start, byteCount: text.utf8CodeUnitCount)
        offset += text.utf8CodeUnitCount
    }

    private static func copy(_ text: String, _ base: UnsafeMutableRawPointer, _ offset: inout Int) {
        let start = offset
        let copied = text.utf8.withContiguousStorageIfAvailable { bytes -> Int in
            if let source = bytes.baseAddress { (base + start).copyMemory(from: source, byteCount: bytes.count) }
            return bytes.count
        }
        if let copied {
            offset += copied
        } else {
            for byte in text.utf8 {
                base.storeBytes(of: byte, toByteOffset: offset, as: UInt8.self)
                offset += 1
            }
        }
    }

    private static func copy(_ buffer: ByteBuffer, _ base: UnsafeMutableRawPointer, _ offset: inout Int) {
        let start = offset
        offset += buffer.withUnsafeReadableBytes { bytes -> Int in
            if let source = bytes.baseAddress { (base + start).copyMemory(from: source, byteCount: bytes.count) }
            return bytes.count
        }
    }

    private static func decimal(_ value: Int, _ base: UnsafeMutableRawPointer, _ offset: inout Int) {
        var digits = 1
        var rest = value / 10
        while rest > 0 {
            digits += 1
            rest /= 10
        }
        var remaining = value
        for index in stride(from: digits - 1, through: 0, by: -1) {
            base.storeBytes(of: UInt8(48 + remaining % 10), toByteOffset: offset + index, as: UInt8.self)
            remaining /= 10
        }
        offset += digits
    }
}
