import NIOCore

/// NATS message headers: an ordered multimap of names to values plus the
/// optional status line (`NATS/1.0 404 No Messages`).
public struct NATSHeaders: Sendable, Equatable, Sequence {
    public private(set) var entries: [(name: String, value: String)] = []
    /// The status code of a status message (100, 404, 408, 409, 503), if any.
    public var status: Int?
    /// The description after the status code, if any.
    public var statusDescription: String?

    public init(_ entries: [(String, String)] = []) {
        self.entries = entries.map { (name: $0.0, value: $0.1) }
    }

    public static func == (lhs: NATSHeaders, rhs: NATSHeaders) -> Bool {
        lhs.status == rhs.status && lhs.statusDescription == rhs.statusDescription
            && lhs.entries.elementsEqual(rhs.entries) { $0.name == $1.name && $0.value == $1.value }
    }

    public func makeIterator() -> IndexingIterator<[(name: String, value: String)]> { entries.makeIterator() }

    public var isEmpty: Bool { entries.isEmpty && status == nil }

    /// The first value for `name` (case-insensitive).
    public subscript(name: String) -> String? {
        get {
            let lower = name.lowercased()
            return entries.first { $0.name.lowercased() == lower }?.value
        }
        set {
            let lower = name.lowercased()
            entries.removeAll { $0.name.lowercased() == lower }
            if let newValue { entries.append((name: name, value: newValue)) }
        }
    }

    public func values(for name: String) -> [String] {
        let lower = name.lowercased()
        return entries.filter { $0.name.lowercased() == lower }.map(\.value)
    }

    public mutating func append(_ name: String, _ value: String) {
        entries.append((name: name, value: value))
    }

    /// Writes the header block (`NATS/1.0\r\n...\r\n\r\n`).
    func write(to buffer: inout ByteBuffer) {
        buffer.writeStaticString("NATS/1.0")
        if let status {
            buffer.writeStaticString(" ")
            buffer.writeString(String(status))
            if let statusDescription {
                buffer.writeStaticString(" ")
                buffer.writeString(Self.sanitized(statusDescription))
            }
        }
        buffer.writeStaticString("\r\n")
        for entry in entries {
            buffer.writeString(Self.sanitized(entry.name))
            buffer.writeStaticString(": ")
            buffer.writeString(Self.sanitized(entry.value))
            buffer.writeStaticString("\r\n")
        }
        buffer.writeStaticString("\r\n")
    }

    var encodedLength: Int {
        var buffer = ByteBuffer()
        write(to: &buffer)
        return buffer.readableBytes
    }

    private static func sanitized(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 13 || $0 == 10 }) else { return text }
        return String(text.map { $0 == "\r" || $0 == "\n" || $0 == "\r\n" ? " " : $0 })
    }

    /// Parses a header block as it arrives in HMSG.
    static func parse(_ buffer: ByteBuffer) throws -> NATSHeaders {
        guard let text = buffer.getString(at: buffer.readerIndex, length: buffer.readableBytes) else {
            throw NATSError.protocolViolation("header block is not UTF-8")
        }
        var lines = text.split(separator: "\r\n", omittingEmptySubsequences: true)
        guard let first = lines.first, first.hasPrefix("NATS/") else {
            throw NATSError.protocolViolation("header block without NATS/1.0 version line")
        }
        lines.removeFirst()
        var headers = NATSHeaders()
        let statusLine = first.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true)
        if statusLine.count >= 2 {
            headers.status = Int(statusLine[1])
            if statusLine.count == 3 { headers.statusDescription = String(statusLine[2]) }
        }
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = trimmedBlanks(line[..<colon])
            let value = trimmedBlanks(line[line.index(after: colon)...])
            guard !name.isEmpty else { continue }
            headers.entries.append((name: name, value: value))
        }
        return headers
    }
}

private func trimmedBlanks(_ text: Substring) -> String {
    var slice = text
    while let first = slice.first, first == " " || first == "\t" { slice.removeFirst() }
    while let last = slice.last, last == " " || last == "\t" { slice.removeLast() }
    return String(slice)
}
