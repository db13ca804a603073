import Foundation
import Testing

/// Output of a finished process.
public struct ProcessOutput: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String

    public var succeeded: Bool { status == 0 }
}

/// Runs programs without blocking a thread of the cooperative pool: the exit
/// is awaited through the termination handler, output is read from files.
public enum ProcessRunner {
    public static func run(
        _ executable: String, _ arguments: [String], environment: [String: String] = [:], stdin: String? = nil,
        timeout: Duration = .seconds(60)
    ) async throws -> ProcessOutput {
        let directory = FileManager.default.temporaryDirectory.appending(path: "proc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let outURL = directory.appending(path: "out")
        let errURL = directory.appending(path: "err")
        try Data().write(to: outURL)
        try Data().write(to: errURL)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        if let stdin {
            let inURL = directory.appending(path: "in")
            try Data(stdin.utf8).write(to: inURL)
            process.standardInput = try FileHandle(forReadingFrom: inURL)
        }
        // Whichever comes first, the exit or the timeout, resumes the wait once:
        // a termination handler that never fires cannot hang the test.
        let exit = ExitWait()
        let status: Int32? = await withCheckedContinuation { continuation in
            exit.arm(continuation)
            process.terminationHandler = { exit.resume($0.terminationStatus) }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                exit.resume(-1)
                return
            }
            Task {
                try? await Task.sleep(for: timeout)
                exit.resume(nil)
            }
        }
        guard let status else {
            if process.isRunning { process.terminate() }
            throw ProcessTimeout(command: ([executable] + arguments).joined(separator: " "))
        }
        let stdout = (try? String(contentsOf: outURL, encoding: .utf8)) ?? ""
        let stderr = (try? String(contentsOf: errURL, encoding: .utf8)) ?? ""
        return ProcessOutput(status: status, stdout: stdout, stderr: stderr)
    }
}

/// One resumption of a process wait, from the exit or the timeout.
final class ExitWait: @unchecked Sendable {
    private let lock = NSLock()
    private var continuation: CheckedContinuation<Int32?, Never>?

    func arm(_ continuation: CheckedContinuation<Int32?, Never>) {
        lock.withLock { self.continuation = continuation }
    }

    func resume(_ status: Int32?) {
        let waiting = lock.withLock { () -> CheckedContinuation<Int32?, Never>? in
            defer { continuation = nil }
            return continuation
        }
        waiting?.resume(returning: status)
    }
}

public struct ProcessTimeout: Error, CustomStringConvertible {
    public var command: String
    public init(command: String) { self.command = command }
    public var description: String { "timed out: \(command)" }
}

/// System components tests rely on: missing ones skip locally, fail in CI.
public enum SystemComponent {
    public static var isCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

    /// The path of an executable, or nil (recording a failure in CI) when missing.
    public static func require(_ path: String, hint: String) -> String? {
        if FileManager.default.isExecutableFile(atPath: path) { return path }
        if isCI { Issue.record("\(path) is missing: \(hint)") }
        return nil
    }

    public static var kubectl: String? { require("/usr/bin/kubectl", hint: "install kubectl 1.32") }

    /// The package root, for built products and committed files.
    public static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The built `sympozium` binary (debug, else release), or nil (recording a failure in CI) when not built.
    public static var sympozium: String? { product("sympozium") }

    /// A built executable product of this package (debug, else release), or nil
    /// (recording a failure in CI) when not built.
    public static func product(_ name: String) -> String? {
        let built = [".build/debug/\(name)", ".build/release/\(name)"].map { packageRoot.appending(path: $0).path }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
        if built == nil, isCI { Issue.record("the \(name) binary is not built: run swift build first") }
        return built
    }
}
