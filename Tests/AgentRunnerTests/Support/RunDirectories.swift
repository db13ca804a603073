@testable import AgentRunner
import AsyncHTTPClient
import Foundation
import Logging
import Synchronization
import Testing

/// A temporary directory standing in for a pod's /ipc, /workspace, /skills,
/// /memory and /tmp. Remove it with `remove()`.
struct RunDirectories {
    let root: URL
    let paths: RunnerPaths

    init() throws {
        let base = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("agent-runner-test-\(UUID().uuidString)")
        root = URL(fileURLWithPath: SandboxedPath.realPath(NSTemporaryDirectory()) ?? NSTemporaryDirectory())
            .appendingPathComponent(base.lastPathComponent)
        paths = RunnerPaths(
            ipc: root.appendingPathComponent("ipc"), workspace: root.appendingPathComponent("workspace"),
            skills: root.appendingPathComponent("skills"), memory: root.appendingPathComponent("memory"),
            tmp: root.appendingPathComponent("tmp"))
        for directory in [paths.ipc, paths.workspace, paths.skills, paths.memory, paths.tmp, paths.tools, paths.output] {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        }
    }

    var environment: [String: String] {
        [
            "SYMPOZIUM_IPC_DIR": paths.ipc.path, "SYMPOZIUM_WORKSPACE_DIR": paths.workspace.path,
            "SYMPOZIUM_SKILLS_DIR": paths.skills.path, "SYMPOZIUM_MEMORY_DIR": paths.memory.path, "SYMPOZIUM_TMP_DIR": paths.tmp.path,
            "LOG_LEVEL": "critical",
        ]
    }

    func remove() {
        try? FileManager.default.removeItem(at: root)
    }

    func write(_ text: String, to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func read(_ url: URL) -> String? {
        FileManager.default.contents(atPath: url.path).map { String(decoding: $0, as: UTF8.self) }
    }
}

enum TestSupport {
    static var logger: Logger {
        var logger = Logger(label: "test.agent-runner")
        logger.logLevel = .critical
        return logger
    }

    static func httpClient() -> HTTPClient {
        HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: HTTPClient.Configuration(redirectConfiguration: .disallow))
    }

    /// Fast retries for tests.
    static let quickRetry = RetryPolicy(maxRetries: 2, baseDelay: .milliseconds(10), maxDelay: .milliseconds(50), maxRetryAfter: .milliseconds(100))

    /// Collects what the runner prints on stdout.
    final class Printed: Sendable {
        private let lines = Mutex<[String]>([])
        var text: String { lines.withLock { $0.joined() } }
        var sink: @Sendable (String) -> Void { { [self] text in lines.withLock { $0.append(text) } } }
    }

    /// A product of this package in .build; nil (a recorded issue under CI) when not built.
    static func builtBinary(_ name: String) -> String? {
        for configuration in ["debug", "release"] {
            let path = packageRoot().appendingPathComponent(".build/\(configuration)/\(name)").path
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        if ProcessInfo.processInfo.environment["CI"] == "true" {
            Issue.record("the \(name) binary is not built: run swift build --product \(name)")
        }
        return nil
    }

    static func packageRoot() -> URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
    }
}
