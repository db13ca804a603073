import Logging

/// Receives a watcher's warnings (failed list or watch, with retry) so the
/// TUI can show them instead of letting them scribble over the screen.
struct TUIWatchLogHandler: LogHandler {
    let report: @Sendable (String) -> Void
    var metadata: Logger.Metadata = [:]
    var metadataProvider: Logger.MetadataProvider?
    var logLevel: Logger.Level = .warning

    init(report: @escaping @Sendable (String) -> Void) {
        self.report = report
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        guard event.level >= .warning else { return }
        report(event.metadata?["error"].map { "\($0)" } ?? event.message.description)
    }
}

/// A logger that drops everything (the TUI owns the screen).
enum TUIQuietLogger {
    static func make(_ label: String) -> Logger {
        Logger(label: label) { _ in SwiftLogNoOpLogHandler() }
    }
}
