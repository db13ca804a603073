import Logging

/// Logging for the two executables: standard error, level from `LOG_LEVEL`.
public enum LogSetup {
    public static func bootstrap(environment: [String: String]) {
        let level = self.level(environment)
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
    }

    /// `LOG_LEVEL`, default info.
    public static func level(_ environment: [String: String]) -> Logger.Level {
        environment["LOG_LEVEL"].flatMap { Logger.Level(rawValue: $0.lowercased()) } ?? .info
    }
}
