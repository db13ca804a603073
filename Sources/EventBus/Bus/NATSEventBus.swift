import Foundation
import Logging
import NIOCore

/// The event bus of cluster mode: JetStream stream `sympozium` over subjects
/// `sympozium.>`, file storage, 24 h retention; one pull consumer per subscription.
public final class NATSEventBus: EventBus {
    public struct Configuration: Sendable {
        public var streamName = "sympozium"
        /// Topics map to `<subjectPrefix>.<topic>`.
        public var subjectPrefix = "sympozium"
        public var maxAge: Duration = .seconds(24 * 3600)
        public var storage: StreamConfig.Storage = .file
        /// Messages requested per pull.
        public var pullBatch = 64
        /// How long one pull waits on the server.
        public var pullExpiry: Duration = .seconds(5)
        /// Unused private consumers are removed by the server after this.
        public var ephemeralInactiveThreshold: Duration = .seconds(300)
        public var logger = Logger(label: "sympozium.eventbus")

        public init() {}

        public var streamConfig: StreamConfig {
            var config = StreamConfig(name: streamName, subjects: ["\(subjectPrefix).>"], storage: storage, maxAge: maxAge)
            config.retention = .limits
            config.numReplicas = 1
            return config
        }
    }

    public let client: NATSClient
    public let jetStream: JetStream
    public let configuration: Configuration

    public init(client: NATSClient, configuration: Configuration = Configuration()) {
        self.client = client
        self.jetStream = JetStream(client: client)
        self.configuration = configuration
    }

    /// Creates or updates the stream. Call once after connecting.
    public func ensureStream() async throws {
        _ = try await jetStream.createOrUpdateStream(configuration.streamConfig)
    }

    func subject(for topic: String) -> String { "\(configuration.subjectPrefix).\(topic)" }

    public func publish(_ event: BusEvent, deduplicationID: String?) async throws {
        guard TopicPattern.isValidTopic(event.topic) else { throw EventBusError.invalidTopic(event.topic) }
        let payload = ByteBuffer(bytes: try event.encoded())
        _ = try await jetStream.publish(subject(for: event.topic), payload: payload, messageID: deduplicationID)
    }

    public func subscribe(_ pattern: String, options: EventSubscriptionOptions) async throws -> EventSubscription {
        guard TopicPattern.isValidPattern(pattern) else { throw EventBusError.invalidTopic(pattern) }
        var config = ConsumerConfig(durableName: options.durableName, filterSubject: subject(for: pattern),
                                    deliverPolicy: options.start == .allEvents ? .all : .new,
                                    ackPolicy: .explicit, ackWait: options.ackWait, maxDeliver: options.maxDeliver)
        if options.durableName == nil {
            config.inactiveThreshold = JSDuration(configuration.ephemeralInactiveThreshold)
        }
        let puller = NATSEventPuller(bus: self, config: config)
        try await puller.ensureConsumer()
        return EventSubscription(next: { try await puller.next() }, cancel: { await puller.cancel() })
    }

    public func close() async {
        try? await client.drain()
        await client.close()
    }
}

/// Pulls one consumer's messages on demand and survives server restarts by
/// re-creating the stream and consumer when they are gone.
actor NATSEventPuller {
    let bus: NATSEventBus
    let config: ConsumerConfig
    private var consumerName: String?
    private var batch: PullBatch.AsyncIterator?
    private var currentBatch: PullBatch?
    private var cancelled = false
    private var failures = 0

    init(bus: NATSEventBus, config: ConsumerConfig) {
        self.bus = bus
        self.config = config
    }

    func ensureConsumer() async throws {
        try await bus.ensureStream()
        let info = try await bus.jetStream.createConsumer(stream: bus.configuration.streamName, config: config)
        consumerName = info.name
    }

    func cancel() async {
        cancelled = true
        currentBatch?.cancel()
        if config.durableName == nil, let consumerName {
            try? await bus.jetStream.deleteConsumer(stream: bus.configuration.streamName, name: consumerName)
        }
    }

    func next() async throws -> EventDelivery? {
        let logger = bus.configuration.logger
        while !cancelled, !Task.isCancelled {
            do {
                if consumerName == nil { try await ensureConsumer() }
                guard let name = consumerName else { continue }
                if batch == nil {
                    let pull = bus.jetStream.pullConsumer(stream: bus.configuration.streamName, name: name)
                    let started = try await pull.messages(batch: bus.configuration.pullBatch,
                                                          expires: bus.configuration.pullExpiry)
                    currentBatch = started
                    batch = started.makeAsyncIterator()
                }
                guard var iterator = batch else { continue }
                let message = try await iterator.next()
                batch = iterator
                guard let message else {
                    batch = nil
                    currentBatch = nil
                    continue
                }
                failures = 0
                let event: BusEvent
                do {
                    event = try BusEvent.decode(from: message.payload.readableBytesView)
                } catch {
                    logger.warning("dropping a malformed event", metadata: ["nats.subject": "\(message.subject)", "error": "\(error)"])
                    try? await message.term()
                    continue
                }
                return EventDelivery(event: event, deliveryCount: message.metadata?.deliveryCount ?? 1,
                                     acknowledger: JetStreamAcknowledger(message: message))
            } catch let error as NATSError where error == .connectionClosed {
                return nil
            } catch is CancellationError {
                return nil
            } catch {
                batch = nil
                currentBatch = nil
                failures += 1
                // A lost consumer or stream (server recreated) is re-created on the next round.
                if failures > 1 { consumerName = nil }
                logger.debug("event subscription pull failed; retrying", metadata: ["error": "\(error)"])
                let wait = Duration.milliseconds(min(100 * (1 << min(failures, 5)), 2000))
                try? await Task.sleep(for: wait)
            }
        }
        return nil
    }
}

struct JetStreamAcknowledger: EventAcknowledger {
    let message: JetStreamMessage

    func ack() async throws { try await message.ack() }
    func nak(delay: Duration?) async throws { try await message.nak(delay: delay) }
    func term() async throws { try await message.term() }
    func inProgress() async throws { try await message.inProgress() }
}
