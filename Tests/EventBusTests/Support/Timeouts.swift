import EventBus

/// Runs `body`, failing with a timeout error after `timeout`.
func withTimeout<T: Sendable>(_ timeout: Duration = .seconds(20), _ body: @escaping @Sendable () async throws -> T) async throws -> T {
    try await withThrowingTaskGroup(of: T?.self) { group in
        group.addTask { try await body() }
        group.addTask {
            try await Task.sleep(for: timeout)
            return nil
        }
        defer { group.cancelAll() }
        guard let first = try await group.next(), let value = first else {
            throw NATSTestError("timed out after \(timeout)")
        }
        return value
    }
}

extension EventSubscription {
    /// The next delivery, failing the test after a generous timeout.
    func nextDelivery(timeout: Duration = .seconds(20)) async throws -> EventDelivery {
        let subscription = self
        return try await withTimeout(timeout) {
            guard let delivery = try await subscription.next() else { throw NATSTestError("subscription ended") }
            return delivery
        }
    }
}
