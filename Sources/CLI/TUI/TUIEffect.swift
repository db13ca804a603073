/// One object a view shows.
struct TUIObjectRef: Hashable, Sendable {
    var view: TUIViewKind
    var namespace: String
    var name: String
}

/// Work the TUI asks of the cluster (or of itself) after a key or command:
/// the state decides, `TUIApp` carries it out and reports back.
enum TUIEffect: Hashable, Sendable {
    case quit
    /// Relist every view (restart the watches).
    case refresh
    /// Repaint the whole screen.
    case redraw
    case logs(TUIObjectRef)
    case describe(TUIObjectRef)
    case delete(TUIObjectRef)
    case createRun(instance: String, namespace: String, task: String)
    case createSchedule(instance: String, namespace: String, cron: String, task: String)
    case memory(instance: String, namespace: String)
    /// Watch another namespace (nil: every namespace).
    case switchNamespace(String?)
    /// The panel closed: stop its stream.
    case closePanel
}

/// A question the user answers with y or n.
struct TUIConfirmation: Hashable, Sendable {
    var prompt: String
    var effect: TUIEffect
}

/// A line under the list: what happened last.
struct TUIStatus: Hashable, Sendable {
    var text: String
    var isError: Bool
}
