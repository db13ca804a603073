/// One key press as the TUI understands it.
enum TUIKey: Hashable, Sendable {
    case character(Character)
    case enter
    case escape
    case tab
    case backTab
    case backspace
    case up
    case down
    case left
    case right
    case pageUp
    case pageDown
    case home
    case end
    case delete
    /// Ctrl plus a letter ("c" for Ctrl-C), other than the ones above.
    case control(Character)
}
