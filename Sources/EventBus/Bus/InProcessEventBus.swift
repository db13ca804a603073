import Foundation
import Logging

/// The event bus of embedded mode: a bounded in-memory log with durable
/// consumers that honour the same contract as JetStream (at-least-once,
/// ack / nak with delay / term / in-progress, ack-wait redelivery, wildcards,
/// de-duplication by ID).
public actor InProcessEventBus: EventBus {
    public struct Configuration: Sendable {
        /// Events older than this are dropped from the log.
        public var maxAge: Duration = .seconds(24 * 3600)
        /// At most this many events are kept.
        public var maxEvents: Int = 100_000
        /// Window in which a repeated de-duplication ID is dropped.
        public var duplicateWindow: Duration = .seconds(120)

        public init() {}
    }

    struct StoredEvent {
        var sequence: UInt64
        var event: BusEvent
        var storedAt: ContinuousClock.Instant
    }

    struct Consumer {
        var pattern: String
        var options: EventSubscriptionOptions
        /// Next log sequence to look at for first deliveries.
        var cursor: UInt64
        /// Delivered, not yet acknowledged: sequence -> (deliveries, due for redelivery at).
        var pending: [UInt64: (deliveries: Int, due: ContinuousClock.Instant)] = [:]
        let signal = WakeSignal()
        var ephemeral: Bool
    }

    enum Poll {
        case delivery(EventDelivery)
        case wait(ContinuousClock.Instant)
        case closed
    }

    let configuration: Configuration
    private var log: [StoredEvent] = []
    private var nextSequence: UInt64 = 1
    private var consumers: [String: Consumer] = [:]
    private var recentIDs: [String: ContinuousClock.Instant] = [:]
    private var closed = false

    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    public func publish(_ event: BusEvent, deduplicationID: String?) async throws {
        guard !closed else { throw EventBusError.closed }
        guard TopicPattern.isValidTopic(event.topic) else { throw EventBusError.invalidTopic(event.topic) }
        let now = ContinuousClock.now
        if let deduplicationID {
            recentIDs = recentIDs.filter { now - $0.value < configuration.duplicateWindow }
            if recentIDs[deduplicationID] != nil { return }
            recentIDs[deduplicationID] = now
        }
        log.append(StoredEvent(sequence: nextSequence, event: event, storedAt: now))
        nextSequence += 1
        prune(now: now)
        for consumer in consumers.values where TopicPattern.matches(consumer.pattern, topic: event.topic) {
            consumer.signal.signal()
        }
    }

    public func subscribe(_ pattern: String, options: EventSubscriptionOptions) async throws -> EventSubscription {
        guard !closed else { throw EventBusError.closed }
        guard TopicPattern.isValidPattern(pattern) else { throw EventBusError.invalidTopic(pattern) }
        let name = options.durableName ?? "ephemeral-\(UUID().uuidString)"
        if var existing = consumers[name] {
            existing.pattern = pattern
            existing.options.ackWait = options.ackWait
            existing.options.maxDeliver = options.maxDeliver
            consumers[name] = existing
        } else {
            let start = options.start == .allEvents ? (log.first?.sequence ?? nextSequence) : nextSequence
            consumers[name] = Consumer(pattern: pattern, options: options, cursor: start, ephemeral: options.durableName == nil)
        }
        guard let signal = consumers[name]?.signal else { throw EventBusError.closed }
        return EventSubscription(
            next: { [self] in
                while true {
                    switch await self.poll(name) {
                    case .delivery(let delivery): return delivery
                    case .closed: return nil
                    case .wait(let deadline):
                        if Task.isCancelled { return nil }
                        await signal.wait(until: deadline)
                    }
                }
            },
            cancel: { [self] in await self.cancel(name) })
    }

    public func close() async {
        closed = true
        for consumer in consumers.values { consumer.signal.signal() }
        consumers.removeAll()
        log.removeAll()
    }

    /// Events currently kept (for tests and status pages).
    public var storedEventCount: Int { log.count }

    // MARK: Consumer mechanics

    private func cancel(_ name: String) {
        guard let consumer = consumers[name] else { return }
        if consumer.ephemeral { consumers[name] = nil }
        consumer.signal.signal()
    }

    func poll(_ name: String) -> Poll {
        guard !closed, var consumer = consumers[name] else { return .closed }
        defer { consumers[name] = consumer }
        let now = ContinuousClock.now
        // Redeliveries first, oldest sequence first.
        let due = consumer.pending.filter { $0.value.due <= now }.keys.sorted()
        for sequence in due {
            guard let stored = event(at: sequence), let entry = consumer.pending[sequence] else {
                consumer.pending[sequence] = nil
                continue
            }
            if let maxDeliver = consumer.options.maxDeliver, entry.deliveries >= maxDeliver {
                consumer.pending[sequence] = nil
                continue
            }
            let count = entry.deliveries + 1
            consumer.pending[sequence] = (count, now + consumer.options.ackWait)
            return .delivery(delivery(stored, count: count, consumer: name))
        }
        while let stored = firstEvent(from: consumer.cursor) {
            consumer.cursor = stored.sequence + 1
            guard TopicPattern.matches(consumer.pattern, topic: stored.event.topic) else { continue }
            consumer.pending[stored.sequence] = (1, now + consumer.options.ackWait)
            return .delivery(delivery(stored, count: 1, consumer: name))
        }
        let nextDue = consumer.pending.values.map(\.due).min() ?? now + .seconds(3600)
        return .wait(nextDue)
    }

    private func delivery(_ stored: StoredEvent, count: Int, consumer: String) -> EventDelivery {
        EventDelivery(event: stored.event, deliveryCount: count,
                      acknowledger: InProcessAcknowledger(bus: self, consumer: consumer, sequence: stored.sequence))
    }

    enum AckKind { case ack, nak(Duration?), term, inProgress }

    func acknowledge(_ kind: AckKind, consumer name: String, sequence: UInt64) {
        guard var consumer = consumers[name], let entry = consumer.pending[sequence] else { return }
        let now = ContinuousClock.now
        switch kind {
        case .ack, .term:
            consumer.pending[sequence] = nil
        case .nak(let delay):
            consumer.pending[sequence] = (entry.deliveries, now + (delay ?? .zero))
            consumer.signal.signal()
        case .inProgress:
            consumer.pending[sequence] = (entry.deliveries, now + consumer.options.ackWait)
        }
        consumers[name] = consumer
    }

    private func event(at sequence: UInt64) -> StoredEvent? {
        guard let first = log.first?.sequence, sequence >= first else { return nil }
        let index = Int(sequence - first)
        return index < log.count ? log[index] : nil
    }

    private func firstEvent(from sequence: UInt64) -> StoredEvent? {
        guard let first = log.first?.sequence else { return nil }
        let index = sequence <= first ? 0 : Int(sequence - first)
        return index < log.count ? log[index] : nil
    }

    private func prune(now: ContinuousClock.Instant) {
        var drop = max(0, log.count - configuration.maxEvents)
        while drop < log.count, now - log[drop].storedAt > configuration.maxAge { drop += 1 }
        if drop > 0 { log.removeFirst(drop) }
    }
}

struct InProcessAcknowledger: EventAcknowledger {
    let bus: InProcessEventBus
    let consumer: String
    let sequence: UInt64

    func ack() async throws { await bus.acknowledge(.ack, consumer: consumer, sequence: sequence) }
    func nak(delay: Duration?) async throws { await bus.acknowledge(.nak(delay), consumer: consumer, sequence: sequence) }
    func term() async throws { await bus.acknowledge(.term, consumer: consumer, sequence: sequence) }
    func inProgress() async throws { await bus.acknowledge(.inProgress, consumer: consumer, sequence: sequence) }
}
