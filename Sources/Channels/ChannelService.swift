import EventBus
import Logging
import ServiceLifecycle
import Synchronization

/// A channel pod's work: publish what the platform sends as
/// channel.message.received, deliver this instance's channel.message.send
/// through the platform, and report health on channel.health.update.
public struct ChannelService<Adapter: ChannelAdapter>: Service {
    let adapter: Adapter
    let bus: any EventBus
    let configuration: ChannelConfiguration
    let logger: Logger

    public init(adapter: Adapter, bus: any EventBus, configuration: ChannelConfiguration, logger: Logger) {
        self.adapter = adapter
        self.bus = bus
        self.configuration = configuration
        var logger = logger
        logger[metadataKey: "channel"] = "\(adapter.channel)"
        logger[metadataKey: "sympozium.instance"] = "\(configuration.instanceName)"
        self.logger = logger
    }

    /// The durable consumer of this instance's outbound messages: it resumes
    /// where the last pod of the Deployment left off.
    var consumerName: String {
        ["channel", configuration.instanceNamespace, configuration.instanceName, adapter.channel].compactMap { $0 }.joined(separator: "-")
    }

    public func run() async throws {
        let identity: String
        do {
            identity = try await adapter.connect()
        } catch {
            await reportHealth(.unhealthy, message: "\(error)")
            throw error
        }
        let outbound = try await bus.subscribe(
            EventTopic.channelMessageSend,
            options: EventSubscriptionOptions(durableName: consumerName, maxDeliver: configuration.maxSendAttempts))
        // Healthy once replies are consumed, too.
        logger.info("channel connected", metadata: ["channel.identity": "\(identity)"])
        await reportHealth(.healthy, identity: identity)
        try await cancelWhenGracefulShutdown {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await receiveLoop() }
                group.addTask { try await deliver(outbound) }
                defer { group.cancelAll() }
                try await group.next()
            }
        }
        await outbound.cancel()
        logger.info("channel stopped")
    }

    // MARK: Inbound

    /// Receives until cancelled; a failed poll is retried with backoff, and
    /// health follows whether the platform answers.
    private func receiveLoop() async throws {
        var delay = configuration.retryDelay
        let health = HealthFlag()
        while !Task.isCancelled {
            do {
                try await adapter.receive { message in
                    try await publish(message)
                    if health.set(true) { await reportHealth(.healthy) }
                }
                return
            } catch is CancellationError {
                return
            } catch let error as ChannelError where error.permanent {
                await reportHealth(.unhealthy, message: error.message)
                throw error
            } catch {
                if health.set(false) { await reportHealth(.unhealthy, message: "\(error)") }
                let wait = (error as? ChannelError)?.retryAfter ?? delay
                logger.warning("receiving failed; retrying", metadata: ["error": "\(error)", "retry.in": "\(wait)"])
                try await Task.sleep(for: wait)
                delay = min(delay * 2, configuration.maximumRetryDelay)
            }
        }
    }

    func publish(_ message: ReceivedChannelMessage) async throws {
        let inbound = InboundChannelMessage(
            channel: adapter.channel, instanceName: configuration.instanceName, senderId: message.senderId,
            senderName: message.senderName, chatId: message.chatId, threadId: message.threadId, text: message.text,
            metadata: message.metadata.isEmpty ? nil : message.metadata)
        let event = try BusEvent(topic: EventTopic.channelMessageReceived, metadata: metadata, payload: inbound)
        try await bus.publish(event, deduplicationID: "\(consumerName)-\(message.id)")
        logger.debug("message received", metadata: ["channel.chat": "\(message.chatId)"])
    }

    // MARK: Outbound

    private func deliver(_ subscription: EventSubscription) async throws {
        for try await delivery in subscription {
            guard let message = try? delivery.event.decodeData(as: OutboundChannelMessage.self) else {
                logger.warning("channel.message.send data is not an outbound message; dropped")
                try await delivery.term()
                continue
            }
            guard isOurs(message, metadata: delivery.event.metadata) else {
                try await delivery.ack()
                continue
            }
            do {
                try await adapter.send(message)
                try await delivery.ack()
                logger.debug("message sent", metadata: ["channel.chat": "\(message.chatId)"])
            } catch let error as ChannelError where error.permanent {
                logger.error("message not deliverable; dropped", metadata: ["channel.chat": "\(message.chatId)", "error": "\(error)"])
                try await delivery.term()
            } catch {
                let attempt = delivery.deliveryCount
                let wait = (error as? ChannelError)?.retryAfter ?? min(configuration.retryDelay * (1 << min(attempt - 1, 5)), configuration.maximumRetryDelay)
                logger.warning("sending failed", metadata: [
                    "channel.chat": "\(message.chatId)", "error": "\(error)", "attempt": "\(attempt)", "retry.in": "\(wait)",
                ])
                try await delivery.nak(delay: wait)
            }
        }
    }

    /// This instance's messages for this channel. The channel comes from the
    /// message (the IPC bridge does not repeat it in metadata); the namespace
    /// is compared when both sides know it.
    func isOurs(_ message: OutboundChannelMessage, metadata: [String: String]) -> Bool {
        guard message.channel == adapter.channel, metadata[EventMetadata.instanceName] == configuration.instanceName else { return false }
        if let namespace = configuration.instanceNamespace, let eventNamespace = metadata[EventMetadata.namespace] {
            return namespace == eventNamespace
        }
        return true
    }

    // MARK: Health

    private var metadata: [String: String] {
        var metadata = [EventMetadata.channel: adapter.channel, EventMetadata.instanceName: configuration.instanceName]
        if let namespace = configuration.instanceNamespace { metadata[EventMetadata.namespace] = namespace }
        return metadata
    }

    /// Best effort: a bus that is down must not stop the channel.
    private func reportHealth(_ status: ChannelHealth.Status, identity: String? = nil, message: String? = nil) async {
        let health = ChannelHealth(
            channel: adapter.channel, instanceName: configuration.instanceName, status: status, identity: identity, message: message)
        do {
            try await bus.publish(try BusEvent(topic: EventTopic.channelHealthUpdate, metadata: metadata, payload: health))
        } catch {
            logger.warning("cannot publish channel health", metadata: ["error": "\(error)"])
        }
    }
}

/// Whether the platform answered last time; `set` says whether that changed.
private final class HealthFlag: Sendable {
    private let healthy = Atomic<Bool>(true)

    func set(_ value: Bool) -> Bool {
        healthy.exchange(value, ordering: .relaxed) != value
    }
}
