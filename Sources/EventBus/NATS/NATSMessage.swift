import NIOCore

/// A message delivered by the server (MSG or HMSG).
public struct NATSMessage: Sendable {
    public var subject: String
    public var replyTo: String?
    public var headers: NATSHeaders?
    /// The payload; a slice of the receive buffer, not a copy.
    public var payload: ByteBuffer
    /// The subscription id the server delivered it for.
    public var sid: UInt64

    public init(subject: String, replyTo: String? = nil, headers: NATSHeaders? = nil, payload: ByteBuffer, sid: UInt64 = 0) {
        self.subject = subject
        self.replyTo = replyTo
        self.headers = headers
        self.payload = payload
        self.sid = sid
    }

    public var payloadBytes: [UInt8] { Array(payload.readableBytesView) }
    public var payloadString: String { String(decoding: payload.readableBytesView, as: UTF8.self) }
    /// The status code of a status message (no payload, `NATS/1.0 <code>` header).
    public var status: Int? { headers?.status }
}
