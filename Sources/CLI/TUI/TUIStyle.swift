import Foundation

/// How text is styled: SGR attributes (bold, reverse) and, apart from them,
/// colours, which follow the ecosystem's rules (a terminal, NO_COLOR unset,
/// TERM not "dumb").
struct TUIStyle: Sendable {
    var attributes: Bool
    var colour: Bool

    /// Plain text: what tests read.
    static let plain = TUIStyle(attributes: false, colour: false)

    static func forTerminal(environment: [String: String] = ProcessInfo.processInfo.environment) -> TUIStyle {
        let noColour = environment["NO_COLOR"].map { !$0.isEmpty } ?? false
        let dumb = environment["TERM"] == "dumb"
        return TUIStyle(attributes: !dumb, colour: !noColour && !dumb)
    }

    enum Colour: Int {
        case red = 31
        case green = 32
        case yellow = 33
        case blue = 34
        case cyan = 36
    }

    func bold(_ text: String) -> String { attributes ? "\u{1B}[1m\(text)\u{1B}[0m" : text }
    func reverse(_ text: String) -> String { attributes ? "\u{1B}[7m\(text)\u{1B}[0m" : text }
    func dim(_ text: String) -> String { attributes ? "\u{1B}[2m\(text)\u{1B}[0m" : text }

    func colour(_ text: String, _ colour: Colour?, bold: Bool = false) -> String {
        guard let colour, self.colour else { return bold ? self.bold(text) : text }
        return "\u{1B}[\(bold ? "1;" : "")\(colour.rawValue)m\(text)\u{1B}[0m"
    }

    /// The colour of a row by its phase.
    static func colour(forPhase phase: String) -> Colour? {
        switch phase {
        case "Running", "Pending", "Serving", "ContainerCreating", "Terminating": .yellow
        case "Succeeded", "Ready", "Active", "Completed": .green
        case "Failed", "Error", "CrashLoopBackOff", "ImagePullBackOff", "ErrImagePull", "Degraded": .red
        default: nil
        }
    }
}
