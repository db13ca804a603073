import Foundation
import NIOCore

/// A message delivered by a JetStream consumer, with its acknowledgement verbs.
public struct JetStreamMessage: Sendable {
    /// Delivery metadata from the `$JS.ACK...` reply subject.
    public struct Metadata: Sendable, Equatable {
        public var stream: String
        public var consumer: String
        public var deliveryCount: Int
        public var streamSequence: UInt64
        public var consumerSequence: UInt64
        public var timestampNanos: Int64
        public var pending: UInt64
    }

    public let message: NATSMessage
    public let metadata: Metadata?
    let client: NATSClient

    init(message: NATSMessage, client: NATSClient) {
        self.message = message
        self.client = client
        self.metadata = message.replyTo.flatMap(Self.parseMetadata)
    }

    public var subject: String { message.subject }
    public var payload: ByteBuffer { message.payload }
    public var headers: NATSHeaders? { message.headers }

    public func ack() async throws { try await reply("+ACK") }

    /// Acknowledges and waits until the server confirmed it.
    public func ackSync(timeout: Duration? = nil) async throws {
        guard let replyTo = message.replyTo else { throw Self.notAckable }
        _ = try await client.request(replyTo, string: "+ACK", timeout: timeout)
    }

    /// Negative acknowledgement: redeliver, after `delay` when given.
    public func nak(delay: Duration? = nil) async throws {
        if let delay {
            try await reply("-NAK {\"delay\":\(delay.nanoseconds)}")
        } else {
            try await reply("-NAK")
        }
    }

    /// Never redeliver this message.
    public func term() async throws { try await reply("+TERM") }

    /// Still working on it: restarts the ack-wait timer.
    public func inProgress() async throws { try await reply("+WPI") }

    private func reply(_ text: String) async throws {
        guard let replyTo = message.replyTo else { throw Self.notAckable }
        try await client.publish(replyTo, string: text)
    }

    static let notAckable = NATSError(code: "notAckable", message: "the message has no JetStream reply subject")

    /// `$JS.ACK.<stream>.<consumer>.<delivered>.<sseq>.<cseq>.<ts>.<pending>` or the
    /// newer form with domain and account hash after `ACK`.
    static func parseMetadata(_ reply: String) -> Metadata? {
        let tokens = reply.split(separator: ".", omittingEmptySubsequences: false)
        guard tokens.count >= 9, tokens[0] == "$JS", tokens[1] == "ACK" else { return nil }
        let base = tokens.count == 9 ? 2 : 4
        guard tokens.count >= base + 7,
              let delivered = Int(tokens[base + 2]), let streamSeq = UInt64(tokens[base + 3]),
              let consumerSeq = UInt64(tokens[base + 4]), let timestamp = Int64(tokens[base + 5]),
              let pending = UInt64(tokens[base + 6])
        else { return nil }
        return Metadata(stream: String(tokens[base]), consumer: String(tokens[base + 1]), deliveryCount: delivered,
                        streamSequence: streamSeq, consumerSequence: consumerSeq, timestampNanos: timestamp,
                        pending: pending)
    }
}
