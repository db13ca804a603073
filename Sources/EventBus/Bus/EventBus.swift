import Foundation

/// Publish events and consume them durably. Implemented by NATS JetStream
/// (cluster mode) and in process (embedded mode); both pass one contract suite.
///
/// Delivery is at least once: a delivery that is not acknowledged within the
/// ack wait, or is nak'ed, comes again with a higher `deliveryCount`.
public protocol EventBus: Sendable {
    /// Publishes an event on its topic. With a `deduplicationID`, a second
    /// publish with the same ID within the de-duplication window is dropped.
    func publish(_ event: BusEvent, deduplicationID: String?) async throws

    /// Consumes events whose topic matches `pattern` (`*` one token, `>` the rest).
    func subscribe(_ pattern: String, options: EventSubscriptionOptions) async throws -> EventSubscription

    func close() async
}

extension EventBus {
    public func publish(_ event: BusEvent) async throws {
        try await publish(event, deduplicationID: nil)
    }

    public func publish(topic: String, metadata: [String: String] = [:], payload: some Encodable) async throws {
        try await publish(BusEvent(topic: topic, metadata: metadata, payload: payload), deduplicationID: nil)
    }

    public func subscribe(_ pattern: String) async throws -> EventSubscription {
        try await subscribe(pattern, options: EventSubscriptionOptions())
    }
}

/// How a subscription consumes.
public struct EventSubscriptionOptions: Sendable {
    public enum StartPosition: Sendable { case newEvents, allEvents }

    /// A durable consumer name: subscriptions with the same name share one
    /// position and resume where the last left off. Nil: a private consumer.
    public var durableName: String?
    /// Where a new consumer starts.
    public var start: StartPosition = .newEvents
    /// How long a delivery may stay unacknowledged before it is redelivered.
    public var ackWait: Duration = .seconds(30)
    /// Deliveries per event before giving up; nil means unlimited.
    public var maxDeliver: Int?

    public init(durableName: String? = nil, start: StartPosition = .newEvents, ackWait: Duration = .seconds(30),
                maxDeliver: Int? = nil) {
        self.durableName = durableName
        self.start = start
        self.ackWait = ackWait
        self.maxDeliver = maxDeliver
    }
}

/// Acknowledgement verbs of one delivery.
public protocol EventAcknowledger: Sendable {
    func ack() async throws
    func nak(delay: Duration?) async throws
    func term() async throws
    func inProgress() async throws
}

/// One delivery of an event to a subscription.
public struct EventDelivery: Sendable {
    public let event: BusEvent
    /// 1 for the first delivery, 2 for the first redelivery, ...
    public let deliveryCount: Int
    let acknowledger: any EventAcknowledger

    public init(event: BusEvent, deliveryCount: Int, acknowledger: any EventAcknowledger) {
        self.event = event
        self.deliveryCount = deliveryCount
        self.acknowledger = acknowledger
    }

    public func ack() async throws { try await acknowledger.ack() }
    /// Redeliver, after `delay` when given.
    public func nak(delay: Duration? = nil) async throws { try await acknowledger.nak(delay: delay) }
    /// Never redeliver.
    public func term() async throws { try await acknowledger.term() }
    /// Restart the ack-wait timer.
    public func inProgress() async throws { try await acknowledger.inProgress() }
}

/// Deliveries of one subscription; iterate from one task. Ends after `cancel()`
/// or when the bus closes.
public struct EventSubscription: AsyncSequence, Sendable {
    public typealias Element = EventDelivery

    private let nextDelivery: @Sendable () async throws -> EventDelivery?
    private let onCancel: @Sendable () async -> Void

    public init(next: @escaping @Sendable () async throws -> EventDelivery?, cancel: @escaping @Sendable () async -> Void) {
        self.nextDelivery = next
        self.onCancel = cancel
    }

    public func next() async throws -> EventDelivery? { try await nextDelivery() }

    public func cancel() async { await onCancel() }

    public struct AsyncIterator: AsyncIteratorProtocol {
        let nextDelivery: @Sendable () async throws -> EventDelivery?
        public mutating func next() async throws -> EventDelivery? { try await nextDelivery() }
    }

    public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(nextDelivery: nextDelivery) }
}

/// Topic patterns: dot-separated tokens, `*` matches one token, a final `>` one or more.
public enum TopicPattern {
    public static func isValidTopic(_ topic: String) -> Bool {
        let tokens = topic.split(separator: ".", omittingEmptySubsequences: false)
        return !tokens.isEmpty && tokens.allSatisfy { token in
            !token.isEmpty && token != "*" && token != ">"
                && !token.utf8.contains { $0 == 32 || $0 == 9 || $0 == 13 || $0 == 10 }
        }
    }

    public static func isValidPattern(_ pattern: String) -> Bool {
        let tokens = pattern.split(separator: ".", omittingEmptySubsequences: false)
        guard !tokens.isEmpty else { return false }
        for (index, token) in tokens.enumerated() {
            if token.isEmpty || token.utf8.contains(where: { $0 == 32 || $0 == 9 || $0 == 13 || $0 == 10 }) { return false }
            if token == ">" && index != tokens.count - 1 { return false }
            if token.count > 1 && (token.contains("*") || token.contains(">")) { return false }
        }
        return true
    }

    public static func matches(_ pattern: String, topic: String) -> Bool {
        let patternTokens = pattern.split(separator: ".", omittingEmptySubsequences: false)
        let topicTokens = topic.split(separator: ".", omittingEmptySubsequences: false)
        for (index, token) in patternTokens.enumerated() {
            if token == ">" { return topicTokens.count > index }
            guard index < topicTokens.count else { return false }
            if token != "*" && token != topicTokens[index] { return false }
        }
        return patternTokens.count == topicTokens.count
    }
}
