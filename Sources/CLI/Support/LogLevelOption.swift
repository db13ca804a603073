import ArgumentParser
import Logging

/// The --log-level option of the long-running commands.
enum LogLevelOption {
    /// Refuses a level swift-log does not know, naming the ones it does.
    static func validate(_ text: String) throws {
        guard Logger.Level(rawValue: text) != nil else {
            throw ValidationError("--log-level must be one of trace, debug, info, notice, warning, error, critical")
        }
    }
}
