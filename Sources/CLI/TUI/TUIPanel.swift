/// A full-screen text panel over the list: logs, a describe, memory or help.
struct TUIPanel: Sendable {
    enum Kind: Sendable, Equatable {
        case help
        case logs
        case describe
        case memory
    }

    var kind: Kind
    var title: String
    var lines: [String]
    /// First line shown.
    var top = 0
    /// Keep the last line in view as lines arrive (logs).
    var follow: Bool
    /// Identifies the panel, so output of a stream opened for an earlier panel is dropped.
    var id: Int
    /// What reopens the panel on `r`.
    var source: TUIEffect?
    /// The unfinished last line of streamed text.
    private var partial = ""

    /// Most lines a panel keeps; older log lines are dropped.
    static let maximumLines = 10_000

    init(kind: Kind, title: String, lines: [String], follow: Bool = false, id: Int, source: TUIEffect? = nil) {
        self.kind = kind
        self.title = title
        self.lines = lines
        self.follow = follow
        self.id = id
        self.source = source
    }

    /// Appends streamed text; lines end at "\n", the rest waits for more.
    mutating func append(_ text: String) {
        // "\r\n" is one Character: split on any line break.
        let pieces = (partial + text).split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        partial = String(pieces.last ?? "")
        if lines.last == Self.waiting { lines.removeLast() }
        lines += pieces.dropLast().map(String.init)
        if lines.count > Self.maximumLines { lines.removeFirst(lines.count - Self.maximumLines) }
    }

    /// Ends streamed text: a last line without "\n" is kept.
    mutating func finish(note: String?) {
        if !partial.isEmpty {
            lines.append(partial)
            partial = ""
        }
        if lines.last == Self.waiting { lines.removeLast() }
        if let note { lines.append(note) }
    }

    /// The placeholder line of a stream that has not sent anything yet.
    static let waiting = "… waiting for output"

    /// Lines shown when `height` lines fit.
    func visibleTop(height: Int) -> Int {
        let maxTop = max(0, lines.count - height)
        return follow ? maxTop : min(max(0, top), maxTop)
    }

    mutating func scroll(by delta: Int, height: Int) {
        let maxTop = max(0, lines.count - height)
        top = min(max(0, visibleTop(height: height) + delta), maxTop)
        follow = kind == .logs && top == maxTop && delta > 0
    }

    mutating func scrollToEnd(height: Int) {
        top = max(0, lines.count - height)
        follow = kind == .logs
    }
}
