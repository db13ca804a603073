/// What wakes the TUI's loop.
enum TUIEvent: Sendable {
    case key(TUIKey)
    /// The window changed size (SIGWINCH).
    case resize
    /// A watched view changed.
    case dataChanged
    /// SIGTERM, SIGINT or SIGHUP.
    case signal(Int32)
    /// Standard input closed.
    case inputClosed
    /// The result of background work, applied to the state.
    case update(@Sendable (inout TUIState) -> Void)
}
