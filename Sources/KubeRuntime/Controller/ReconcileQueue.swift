import Synchronization

/// The controller's scheduler: keys waiting (each once, at its earliest due
/// time), keys running (never twice at once), and keys triggered while
/// running (run again right after).
final class ReconcileQueue: Sendable {
    typealias Instant = ContinuousClock.Instant

    private struct State: ~Copyable {
        var due = DueKeys()
        var running: Set<ObjectRef> = []
        var rerun: [ObjectRef: Instant] = [:]
        var waiter: CheckedContinuation<Void, Never>?
        var signalled = false
        var closed = false
        /// Closed until every cache has its first list.
        var gated = true
        /// The one timer that wakes `take` for the earliest future key.
        var timer: Task<Void, Never>?
        var timerDeadline: Instant?
    }

    private let state = Mutex(State())
    let concurrency: Int

    init(concurrency: Int) {
        self.concurrency = max(1, concurrency)
    }

    /// Asks for these keys to be reconciled at `instant` (now by default).
    /// An earlier request for the same key wins.
    func schedule(_ refs: some Sequence<ObjectRef>, at instant: Instant = .now) {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            for ref in refs {
                if state.running.contains(ref) {
                    state.rerun[ref] = min(state.rerun[ref] ?? instant, instant)
                } else {
                    state.due.schedule(ref, at: instant)
                }
            }
            return Self.signal(&state)
        }
        waiter?.resume()
    }

    /// A reconcile finished; `next` is when it asked to run again, if at all.
    func finish(_ ref: ObjectRef, next: Instant?) {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            state.running.remove(ref)
            let rerun = state.rerun.removeValue(forKey: ref)
            if let at = [rerun, next].compactMap({ $0 }).min() {
                state.due.schedule(ref, at: at)
            }
            return Self.signal(&state)
        }
        waiter?.resume()
    }

    /// Lets `take` hand out keys (once every cache is filled).
    func openGate() {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            state.gated = false
            return Self.signal(&state)
        }
        waiter?.resume()
    }

    /// Stops handing out keys; `take` then returns nil.
    func close() {
        let (waiter, timer) = state.withLock { state -> (CheckedContinuation<Void, Never>?, Task<Void, Never>?) in
            state.closed = true
            defer {
                state.timer = nil
                state.timerDeadline = nil
            }
            return (Self.signal(&state), state.timer)
        }
        timer?.cancel()
        waiter?.resume()
    }

    var pendingCount: Int { state.withLock { $0.due.count + $0.rerun.count } }

    private enum Decision {
        case run([ObjectRef])
        case wait(until: Instant?)
        case closed
    }

    /// Waits until keys are due and a slot is free, marks them running and
    /// returns them; nil once closed.
    func take() async -> [ObjectRef]? {
        while true {
            let decision = state.withLock { state -> Decision in
                if state.closed { return .closed }
                if state.gated { return .wait(until: nil) }
                let free = concurrency - state.running.count
                guard free > 0 else { return .wait(until: nil) }
                let batch = state.due.takeDue(now: .now, limit: free)
                guard !batch.isEmpty else { return .wait(until: state.due.earliest()) }
                state.running.formUnion(batch)
                return .run(batch)
            }
            switch decision {
            case .closed:
                return nil
            case .run(let batch):
                return batch
            case .wait(let until):
                if let until { armTimer(for: until) }
                await withCheckedContinuation { continuation in
                    let resumeNow = state.withLock { state -> Bool in
                        if state.signalled || state.closed {
                            state.signalled = false
                            return true
                        }
                        state.waiter = continuation
                        return false
                    }
                    if resumeNow { continuation.resume() }
                }
            }
        }
    }

    /// Makes sure a timer wakes `take` by `deadline`. One timer lives at a
    /// time and is replaced only by an earlier deadline: waits with nothing
    /// new due cost no task and no thread wake-up.
    private func armTimer(for deadline: Instant) {
        let armed = state.withLock { state in state.timerDeadline.map { $0 <= deadline } ?? false }
        guard !armed else { return }
        let timer = Task { [weak self] in
            guard (try? await Task.sleep(until: deadline, clock: .continuous)) != nil else { return }
            self?.timerFired(deadline)
        }
        let replaced = state.withLock { state -> Task<Void, Never>? in
            // Closed meanwhile: no timer may outlive the queue.
            guard !state.closed else { return timer }
            defer {
                state.timer = timer
                state.timerDeadline = deadline
            }
            return state.timer
        }
        replaced?.cancel()
    }

    private func timerFired(_ deadline: Instant) {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            if state.timerDeadline == deadline {
                state.timer = nil
                state.timerDeadline = nil
            }
            return Self.signal(&state)
        }
        waiter?.resume()
    }

    private static func signal(_ state: inout State) -> CheckedContinuation<Void, Never>? {
        if let waiter = state.waiter {
            state.waiter = nil
            state.signalled = false
            return waiter
        }
        state.signalled = true
        return nil
    }
}
