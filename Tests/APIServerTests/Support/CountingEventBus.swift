import EventBus
import Synchronization

/// An event bus that counts the subscriptions still open, to prove that a
/// closed WebSocket leaves no consumer behind.
final class CountingEventBus: EventBus {
    let inner: any EventBus
    private let open = Atomic<Int>(0)

    init(_ inner: any EventBus) {
        self.inner = inner
    }

    var openSubscriptions: Int { open.load(ordering: .sequentiallyConsistent) }

    func publish(_ event: BusEvent, deduplicationID: String?) async throws {
        try await inner.publish(event, deduplicationID: deduplicationID)
    }

    func subscribe(_ pattern: String, options: EventSubscriptionOptions) async throws -> EventSubscription {
        let subscription = try await inner.subscribe(pattern, options: options)
        open.add(1, ordering: .sequentiallyConsistent)
        let once = Once()
        return EventSubscription(
            next: { try await subscription.next() },
            cancel: { [self] in
                if once.first() { open.subtract(1, ordering: .sequentiallyConsistent) }
                await subscription.cancel()
            })
    }

    func close() async { await inner.close() }

    /// True the first time only.
    private final class Once: Sendable {
        private let done = Atomic<Bool>(false)
        func first() -> Bool { !done.exchange(true, ordering: .sequentiallyConsistent) }
    }
}
