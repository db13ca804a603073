import Foundation
import NIOCore

/// JetStream on top of a `NATSClient`: stream and consumer management through
/// the `$JS.API` subjects, and publishing with acknowledgements.
public struct JetStream: Sendable {
    public let client: NATSClient
    public var apiPrefix: String
    public var timeout: Duration

    public init(client: NATSClient, apiPrefix: String = "$JS.API", timeout: Duration = .seconds(5)) {
        self.client = client
        self.apiPrefix = apiPrefix
        self.timeout = timeout
    }

    // MARK: Streams

    public func createStream(_ config: StreamConfig) async throws -> StreamInfo {
        try await api("STREAM.CREATE.\(config.name)", body: config)
    }

    public func updateStream(_ config: StreamConfig) async throws -> StreamInfo {
        try await api("STREAM.UPDATE.\(config.name)", body: config)
    }

    /// Updates the stream, creating it when it does not exist.
    public func createOrUpdateStream(_ config: StreamConfig) async throws -> StreamInfo {
        do {
            return try await updateStream(config)
        } catch let error as JetStreamAPIError where error.errCode == JetStreamAPIError.streamNotFound {
            return try await createStream(config)
        }
    }

    public func streamInfo(_ name: String) async throws -> StreamInfo {
        try await api("STREAM.INFO.\(name)", body: Optional<String>.none)
    }

    public func deleteStream(_ name: String) async throws {
        let _: StreamDeleteResponse = try await api("STREAM.DELETE.\(name)", body: Optional<String>.none)
    }

    // MARK: Consumers

    /// Creates (or, with an identical configuration, finds) a consumer.
    /// Durable when `config.durableName` is set.
    public func createConsumer(stream: String, config: ConsumerConfig) async throws -> ConsumerInfo {
        let request = CreateConsumerRequest(streamName: stream, config: config)
        if let durable = config.durableName {
            return try await api("CONSUMER.DURABLE.CREATE.\(stream).\(durable)", body: request)
        }
        return try await api("CONSUMER.CREATE.\(stream)", body: request)
    }

    public func consumerInfo(stream: String, name: String) async throws -> ConsumerInfo {
        try await api("CONSUMER.INFO.\(stream).\(name)", body: Optional<String>.none)
    }

    public func deleteConsumer(stream: String, name: String) async throws {
        let _: StreamDeleteResponse = try await api("CONSUMER.DELETE.\(stream).\(name)", body: Optional<String>.none)
    }

    public func pullConsumer(stream: String, name: String) -> PullConsumer {
        PullConsumer(jetStream: self, stream: stream, name: name)
    }

    // MARK: Publishing

    /// Publishes and waits for the stream's acknowledgement. `messageID` sets
    /// `Nats-Msg-Id`, which the stream de-duplicates within its window.
    public nonisolated(nonsending) func publish(_ subject: String, payload: ByteBuffer, headers: NATSHeaders? = nil,
                        messageID: String? = nil) async throws -> PubAck {
        try await publishAsync(subject, payload: payload, headers: headers, messageID: messageID).value()
    }

    /// Publishes and returns the pending acknowledgement, so many publishes
    /// can be in flight at once.
    public nonisolated(nonsending) func publishAsync(_ subject: String, payload: ByteBuffer, headers: NATSHeaders? = nil,
                             messageID: String? = nil) async throws -> PubAckFuture {
        var headers = headers
        if let messageID {
            var withID = headers ?? NATSHeaders()
            withID["Nats-Msg-Id"] = messageID
            headers = withID
        }
        return PubAckFuture(reply: try await client.requestAsync(subject, payload: payload, headers: headers, timeout: timeout))
    }

    // MARK: API plumbing

    func api<Response: Decodable>(_ operation: String, body: (some Encodable)?) async throws -> Response {
        var payload = ByteBuffer()
        if let body { payload.writeBytes(try JSONEncoder().encode(body)) }
        let reply = try await client.request("\(apiPrefix).\(operation)", payload: payload, timeout: timeout)
        return try Self.decodeAPIResponse(Response.self, from: reply)
    }

    static func decodeAPIResponse<Response: Decodable>(_ type: Response.Type, from message: NATSMessage) throws -> Response {
        let data = Data(message.payload.readableBytesView)
        let decoder = JSONDecoder()
        if let envelope = try? decoder.decode(APIErrorEnvelope.self, from: data), let error = envelope.error {
            throw error
        }
        do {
            return try decoder.decode(Response.self, from: data)
        } catch {
            throw NATSError.protocolViolation("unexpected JetStream API response: \(String(decoding: data.prefix(300), as: UTF8.self))")
        }
    }
}

/// A JetStream acknowledgement still on its way.
public struct PubAckFuture: Sendable {
    let reply: NATSReply

    public nonisolated(nonsending) func value() async throws -> PubAck {
        try JetStream.decodePubAck(try await reply.message())
    }
}
