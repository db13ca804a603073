import Synchronization

/// A FIFO handing elements from any thread to one async consumer.
///
/// `push` never blocks: beyond `limit` buffered elements it drops the new
/// element and reports it (slow-consumer protection). `next()` is
/// cancellation-aware; after `finish` the buffered elements are still
/// delivered, then nil (or the finishing error).
final class AsyncQueue<Element: Sendable>: Sendable {
    enum PushResult: Equatable { case enqueued, dropped, finished }

    private struct State {
        var buffer: [Element] = []
        var head = 0
        var waiter: CheckedContinuation<Element?, any Error>?
        var finished = false
        var failure: (any Error)?
        var count: Int { buffer.count - head }

        mutating func popFirst() -> Element? {
            guard head < buffer.count else { return nil }
            let element = buffer[head]
            head += 1
            if head == buffer.count {
                buffer.removeAll(keepingCapacity: true)
                head = 0
            } else if head > 1024, head * 2 > buffer.count {
                buffer.removeFirst(head)
                head = 0
            }
            return element
        }
    }

    let limit: Int
    private let state = Mutex(State())

    init(limit: Int = .max) {
        self.limit = limit
    }

    var bufferedCount: Int { state.withLock { $0.count } }

    @discardableResult
    func push(_ element: Element) -> PushResult {
        let (result, waiter): (PushResult, CheckedContinuation<Element?, any Error>?) = state.withLock { state in
            if state.finished { return (.finished, nil) }
            if let waiter = state.waiter {
                state.waiter = nil
                return (.enqueued, waiter)
            }
            if state.count >= limit { return (.dropped, nil) }
            state.buffer.append(element)
            return (.enqueued, nil)
        }
        waiter?.resume(returning: element)
        return result
    }

    func finish(throwing error: (any Error)? = nil) {
        let waiter: CheckedContinuation<Element?, any Error>? = state.withLock { state in
            guard !state.finished else { return nil }
            state.finished = true
            state.failure = error
            let waiter = state.waiter
            state.waiter = nil
            return waiter
        }
        if let error { waiter?.resume(throwing: error) } else { waiter?.resume(returning: nil) }
    }

    /// Buffered elements taken without waiting.
    func drainBuffered() -> [Element] {
        state.withLock { state in
            var out: [Element] = []
            while let element = state.popFirst() { out.append(element) }
            return out
        }
    }

    func next() async throws -> Element? {
        if let ready = try takeReady() { return ready.element }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Element?, any Error>) in
                let action: Action = state.withLock { state in
                    if let element = state.popFirst() { return .value(element) }
                    if state.finished {
                        if let failure = state.failure { return .fail(failure) }
                        return .value(nil)
                    }
                    if Task.isCancelled { return .fail(CancellationError()) }
                    state.waiter = continuation
                    return .wait
                }
                switch action {
                case .value(let element): continuation.resume(returning: element)
                case .fail(let error): continuation.resume(throwing: error)
                case .wait: break
                }
            }
        } onCancel: {
            let waiter = state.withLock { state in
                let waiter = state.waiter
                state.waiter = nil
                return waiter
            }
            waiter?.resume(throwing: CancellationError())
        }
    }

    private struct Ready { var element: Element? }
    private enum Action { case value(Element?), fail(any Error), wait }

    private func takeReady() throws -> Ready? {
        try state.withLock { state in
            if let element = state.popFirst() { return Ready(element: element) }
            if state.finished {
                if let failure = state.failure { throw failure }
                return Ready(element: nil)
            }
            return nil
        }
    }
}
