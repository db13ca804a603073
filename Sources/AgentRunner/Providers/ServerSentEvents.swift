/// One server-sent event.
struct ServerSentEvent: Sendable, Hashable {
    var event: String?
    var data: String
}

/// Incremental `text/event-stream` parser: feed it bytes as they arrive.
struct ServerSentEventParser {
    /// A line longer than this is refused (a hostile or broken stream).
    static let maxLineBytes = 8 << 20

    private var pending: [UInt8] = []
    private var eventName: String?
    private var dataLines: [String] = []

    struct LineTooLong: Error {}

    mutating func feed(_ bytes: some Sequence<UInt8>) throws -> [ServerSentEvent] {
        var events: [ServerSentEvent] = []
        for byte in bytes {
            if byte == UInt8(ascii: "\n") {
                if pending.last == UInt8(ascii: "\r") { pending.removeLast() }
                if let event = line(pending) { events.append(event) }
                pending.removeAll(keepingCapacity: true)
            } else {
                pending.append(byte)
                if pending.count > Self.maxLineBytes { throw LineTooLong() }
            }
        }
        return events
    }

    /// The event left when the stream ends without a blank line.
    mutating func finish() -> [ServerSentEvent] {
        var events: [ServerSentEvent] = []
        if !pending.isEmpty, let event = line(pending) { events.append(event) }
        pending.removeAll()
        if let event = dispatch() { events.append(event) }
        return events
    }

    private mutating func line(_ bytes: [UInt8]) -> ServerSentEvent? {
        if bytes.isEmpty { return dispatch() }
        if bytes.first == UInt8(ascii: ":") { return nil }
        let text = String(decoding: bytes, as: UTF8.self)
        let field: Substring
        var value: Substring
        if let colon = text.firstIndex(of: ":") {
            field = text[..<colon]
            value = text[text.index(after: colon)...]
            if value.first == " " { value = value.dropFirst() }
        } else {
            field = text[...]
            value = ""
        }
        switch field {
        case "event": eventName = String(value)
        case "data": dataLines.append(String(value))
        default: break
        }
        return nil
    }

    private mutating func dispatch() -> ServerSentEvent? {
        defer {
            eventName = nil
            dataLines.removeAll()
        }
        guard !dataLines.isEmpty else { return nil }
        return ServerSentEvent(event: eventName, data: dataLines.joined(separator: "\n"))
    }
}
