import Foundation
import NIOCore

/// One protocol operation sent by the server.
enum NATSServerFrame: Sendable {
    case info(NATSServerInfo)
    case message(NATSMessage)
    case ping
    case pong
    case ok
    case error(String)
}

/// Decodes the server side of the NATS protocol. Partial frames wait for more
/// bytes; a message's control line is parsed once and its payload is taken as
/// a slice of the receive buffer when complete.
struct NATSFrameDecoder: ByteToMessageDecoder {
    typealias InboundOut = NATSServerFrame

    /// Longest accepted control line (INFO can be a few KB with connect_urls).
    var maxControlLineLength = 64 * 1024
    /// Largest accepted message (headers + payload).
    var maxMessageSize = 64 * 1024 * 1024

    private struct PendingMessage {
        var subject: String
        var sid: UInt64
        var replyTo: String?
        var headerLength: Int
        var totalLength: Int
    }

    private var pending: PendingMessage?

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        if let message = pending {
            guard buffer.readableBytes >= message.totalLength + 2 else { return .needMoreData }
            pending = nil
            context.fireChannelRead(wrapInboundOut(.message(try readBody(of: message, from: &buffer))))
            return .continue
        }
        let view = buffer.readableBytesView
        guard let newline = view.firstIndex(of: UInt8(ascii: "\n")) else {
            if view.count > maxControlLineLength { throw NATSError.protocolViolation("control line too long") }
            return .needMoreData
        }
        let lineLength = newline - view.startIndex
        var lineEnd = lineLength
        if lineEnd > 0, view[newline - 1] == UInt8(ascii: "\r") { lineEnd -= 1 }
        guard let line = buffer.readSlice(length: lineLength + 1)?.getSlice(at: 0, length: lineEnd) else {
            return .needMoreData
        }
        let frame = try parseControlLine(line)
        if let frame { context.fireChannelRead(wrapInboundOut(frame)) }
        return .continue
    }

    mutating func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws -> DecodingState {
        while try decode(context: context, buffer: &buffer) == .continue {}
        return .needMoreData
    }

    private func readBody(of message: PendingMessage, from buffer: inout ByteBuffer) throws -> NATSMessage {
        guard var body = buffer.readSlice(length: message.totalLength) else {
            throw NATSError.protocolViolation("short message body")
        }
        buffer.moveReaderIndex(forwardBy: 2)
        var headers: NATSHeaders?
        if message.headerLength > 0, let block = body.readSlice(length: message.headerLength) {
            headers = try NATSHeaders.parse(block)
        }
        return NATSMessage(subject: message.subject, replyTo: message.replyTo, headers: headers, payload: body, sid: message.sid)
    }

    /// Parses a control line; for MSG/HMSG stores the pending message and returns nil.
    private mutating func parseControlLine(_ line: ByteBuffer) throws -> NATSServerFrame? {
        let bytes = line.readableBytesView
        guard let first = bytes.first else { return nil }
        func opIs(_ op: StaticString) -> Bool {
            let count = op.utf8CodeUnitCount
            guard bytes.count >= count else { return false }
            let opBytes = UnsafeBufferPointer(start: op.utf8Start, count: count)
            for (index, expected) in opBytes.enumerated() {
                let actual = bytes[bytes.startIndex + index] | 0x20
                if actual != (expected | 0x20) { return false }
            }
            return bytes.count == count || bytes[bytes.startIndex + count] == UInt8(ascii: " ")
                || bytes[bytes.startIndex + count] == UInt8(ascii: "\t")
        }
        switch first | 0x20 {
        case UInt8(ascii: "m") where opIs("MSG"):
            let fields = Self.fields(bytes.dropFirst(4))
            guard fields.count == 3 || fields.count == 4,
                  let sid = UInt64(fields[1]), let size = Int(fields[fields.count - 1]), size >= 0, size <= maxMessageSize
            else { throw NATSError.protocolViolation("bad MSG line") }
            pending = PendingMessage(subject: fields[0], sid: sid, replyTo: fields.count == 4 ? fields[2] : nil,
                                     headerLength: 0, totalLength: size)
            return nil
        case UInt8(ascii: "h") where opIs("HMSG"):
            let fields = Self.fields(bytes.dropFirst(5))
            guard fields.count == 4 || fields.count == 5,
                  let sid = UInt64(fields[1]),
                  let headerSize = Int(fields[fields.count - 2]), let size = Int(fields[fields.count - 1]),
                  headerSize >= 0, headerSize <= size, size <= maxMessageSize
            else { throw NATSError.protocolViolation("bad HMSG line") }
            pending = PendingMessage(subject: fields[0], sid: sid, replyTo: fields.count == 5 ? fields[2] : nil,
                                     headerLength: headerSize, totalLength: size)
            return nil
        case UInt8(ascii: "p") where opIs("PING"):
            return .ping
        case UInt8(ascii: "p") where opIs("PONG"):
            return .pong
        case UInt8(ascii: "+") where opIs("+OK"):
            return .ok
        case UInt8(ascii: "-") where opIs("-ERR"):
            var text = String(decoding: bytes.dropFirst(4), as: UTF8.self)
            text = text.trimmingCharacters(in: .whitespaces)
            if text.hasPrefix("'"), text.hasSuffix("'"), text.count >= 2 { text = String(text.dropFirst().dropLast()) }
            return .error(text)
        case UInt8(ascii: "i") where opIs("INFO"):
            let json = Data(bytes.dropFirst(5))
            do {
                return .info(try JSONDecoder().decode(NATSServerInfo.self, from: json))
            } catch {
                throw NATSError.protocolViolation("bad INFO: \(error)")
            }
        default:
            throw NATSError.protocolViolation("unknown operation \"\(String(decoding: bytes.prefix(16), as: UTF8.self))\"")
        }
    }

    private static func fields(_ bytes: ByteBufferView.SubSequence) -> [String] {
        var fields: [String] = []
        fields.reserveCapacity(5)
        var start: ByteBufferView.Index?
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") {
                if let begin = start {
                    fields.append(String(decoding: bytes[begin..<index], as: UTF8.self))
                    start = nil
                }
            } else if start == nil {
                start = index
            }
            index += 1
        }
        if let begin = start { fields.append(String(decoding: bytes[begin..<bytes.endIndex], as: UTF8.self)) }
        return fields
    }
}
