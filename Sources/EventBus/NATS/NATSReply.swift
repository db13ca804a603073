import Synchronization

/// The pending reply to one request. Awaiting a reply that already arrived
/// returns without suspending, so pipelined requests cost no thread hops.
public final class NATSReply: Sendable {
    private enum State {
        case pending([CheckedContinuation<NATSMessage, any Error>])
        case done(Result<NATSMessage, any Error>)
    }

    private let state = Mutex(State.pending([]))

    init() {}

    func complete(_ result: Result<NATSMessage, any Error>) {
        let waiters: [CheckedContinuation<NATSMessage, any Error>] = state.withLock { state in
            guard case .pending(let waiters) = state else { return [] }
            state = .done(result)
            return waiters
        }
        for waiter in waiters { waiter.resume(with: result) }
    }

    /// The reply; a `503` no-responders status becomes `NATSError.noResponders`.
    public nonisolated(nonsending) func message() async throws -> NATSMessage {
        let reply = try await raw()
        if reply.status == 503 { throw NATSError.noResponders }
        return reply
    }

    private nonisolated(nonsending) func raw() async throws -> NATSMessage {
        if case .done(let result)? = state.withLock({ state -> State? in
            if case .done = state { return state }
            return nil
        }) {
            return try result.get()
        }
        return try await withCheckedThrowingContinuation { continuation in
            let ready: Result<NATSMessage, any Error>? = state.withLock { state in
                switch state {
                case .done(let result):
                    return result
                case .pending(var waiters):
                    waiters.append(continuation)
                    state = .pending(waiters)
                    return nil
                }
            }
            if let ready { continuation.resume(with: ready) }
        }
    }
}
