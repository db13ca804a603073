import Dispatch
import Foundation
import Glibc
import KubeClient
import Logging
import ServiceLifecycle
import Synchronization

/// The interactive terminal UI: one loop owns the state and reacts to keys,
/// resizes, signals, watch changes and finished background work; each pass
/// draws one whole frame. The terminal is restored however the loop ends.
final class TUIApp: Service, Sendable {
    let client: KubeClient
    let context: String
    let initialNamespace: String
    let allNamespaces: Bool
    let terminal: TUITerminal
    let style: TUIStyle
    /// The signal that ended the TUI, 0 if none did.
    let endingSignal = Atomic<Int32>(0)
    let events: AsyncStream<TUIEvent>
    let continuation: AsyncStream<TUIEvent>.Continuation
    /// Set while a dataChanged event waits in the queue, so bursts of watch events draw once.
    private let changePending = Atomic<Bool>(false)
    /// Background tasks, ended when the TUI closes.
    let tasks = Mutex<TUITasks>(TUITasks())

    init(client: KubeClient, context: String, namespace: String, allNamespaces: Bool, terminal: TUITerminal, style: TUIStyle) {
        self.client = client
        self.context = context
        self.initialNamespace = namespace
        self.allNamespaces = allNamespaces
        self.terminal = terminal
        self.style = style
        (events, continuation) = AsyncStream.makeStream(of: TUIEvent.self)
    }

    func run() async throws {
        let keys = TUIKeyReader()
        let signals = TUISignalSources(continuation: continuation)
        defer {
            keys.stop()
            signals.cancel()
            terminal.restore()
        }
        try terminal.enter()
        signals.install()
        keys.start()
        let keyForwarder = Task { [continuation] in
            for await key in keys.keys { continuation.yield(.key(key)) }
            continuation.yield(.inputClosed)
        }
        defer { keyForwarder.cancel() }

        var state = TUIState(context: context, namespace: initialNamespace, allNamespaces: allNamespaces)
        (state.rows, state.columns) = TUITerminal.size()
        startFeed(namespace: allNamespaces ? nil : initialNamespace)
        draw(state)
        await withTaskCancellationHandler {
            for await event in events {
                guard handle(event, state: &state) else { break }
                draw(state)
            }
        } onCancel: { [continuation] in
            continuation.finish()
        }
        terminal.restore()
        await stopBackgroundWork()
    }

    /// Applies one event; false when the TUI should end.
    private func handle(_ event: TUIEvent, state: inout TUIState) -> Bool {
        switch event {
        case .key(let key):
            for effect in state.handle(key) {
                guard perform(effect, state: &state) else { return false }
            }
        case .resize:
            (state.rows, state.columns) = TUITerminal.size()
            terminal.write("\u{1B}[2J")
        case .dataChanged:
            changePending.store(false, ordering: .sequentiallyConsistent)
            refreshTables(&state)
        case .signal(let signal):
            endingSignal.store(signal, ordering: .sequentiallyConsistent)
            return false
        case .inputClosed:
            return false
        case .update(let apply):
            apply(&state)
        }
        return true
    }

    private func draw(_ state: TUIState) {
        terminal.write(TUIRenderer.frame(TUIRenderer.lines(state, style: style)))
    }

    /// Called by feeds for every change; queues at most one redraw.
    func notifyChange() {
        if changePending.compareExchange(expected: false, desired: true, ordering: .sequentiallyConsistent).exchanged {
            continuation.yield(.dataChanged)
        }
    }

    func refreshTables(_ state: inout TUIState) {
        guard let feed = tasks.withLock({ $0.feed }) else { return }
        let now = Date()
        for kind in TUIViewKind.allCases { state.update(kind, table: feed.table(kind, now: now)) }
    }

    /// Watches `namespace` (nil: all), replacing the feed that ran before.
    func startFeed(namespace: String?) {
        let feed = TUIClusterFeed(client: client, namespace: namespace)
        let task = Task { [self] in
            await feed.run { [self] _ in notifyChange() }
        }
        let previous = tasks.withLock { tasks in
            defer {
                tasks.feed = feed
                tasks.feedTask = task
            }
            return tasks.feedTask
        }
        previous?.cancel()
        notifyChange()
    }

    /// Cancels the watches and streams and waits for them to end, so the
    /// client shuts down with no request in flight.
    private func stopBackgroundWork() async {
        let all = tasks.withLock { tasks in
            defer { tasks = TUITasks() }
            return [tasks.feedTask, tasks.panelTask].compactMap { $0 } + tasks.work
        }
        for task in all { task.cancel() }
        for task in all { await task.value }
    }

    /// Runs background work whose result comes back as a state update.
    func background(_ work: @escaping @Sendable () async -> (@Sendable (inout TUIState) -> Void)?) {
        let task = Task { [continuation] in
            if let update = await work() { continuation.yield(.update(update)) }
        }
        tasks.withLock { tasks in
            tasks.work.removeAll { $0.isCancelled }
            tasks.work.append(task)
        }
    }
}

/// The TUI's running background tasks.
struct TUITasks: Sendable {
    var feed: TUIClusterFeed?
    var feedTask: Task<Void, Never>?
    /// The stream that fills the open panel (logs).
    var panelTask: Task<Void, Never>?
    var work: [Task<Void, Never>] = []
}

/// SIGWINCH redraws; SIGTERM, SIGINT and SIGHUP end the TUI (after the
/// terminal is restored). Default actions are ignored so the sources see them.
/// Used only by the task that runs the TUI.
final class TUISignalSources {
    private let continuation: AsyncStream<TUIEvent>.Continuation
    private var sources: [any DispatchSourceSignal] = []

    init(continuation: AsyncStream<TUIEvent>.Continuation) {
        self.continuation = continuation
    }

    func install() {
        let queue = DispatchQueue(label: "sympozium.tui.signals")
        var installed: [any DispatchSourceSignal] = []
        for signalNumber in [SIGWINCH, SIGTERM, SIGINT, SIGHUP] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: queue)
            source.setEventHandler { [continuation] in
                continuation.yield(signalNumber == SIGWINCH ? .resize : .signal(signalNumber))
            }
            source.resume()
            installed.append(source)
        }
        sources = installed
    }

    func cancel() {
        for source in sources { source.cancel() }
        sources = []
    }
}
