import ClusterTestSupport
import Foundation
import Testing

/// `sympozium up` as a child process, in a data directory of the test.
final class UpProcess: @unchecked Sendable {
    let process = Process()
    let directory: URL
    let extraArguments: [String]

    /// The built `sympozium` next to the test bundle (or under .build/debug).
    static var executable: String? {
        let candidates = [
            (ProcessInfo.processInfo.arguments.first.map { ($0 as NSString).deletingLastPathComponent } ?? "") + "/sympozium",
            FileManager.default.currentDirectoryPath + "/.build/debug/sympozium",
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    init(directory: URL, arguments: [String] = []) {
        self.directory = directory
        self.extraArguments = arguments
    }

    var kubeconfig: URL { directory.appending(path: "kubeconfig") }

    func start() throws {
        guard let executable = Self.executable else { throw SkipTest() }
        try? FileManager.default.removeItem(at: kubeconfig)
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["up", "--data-dir", directory.path, "--port", "0", "--log-level", "warning"] + extraArguments
        let log = directory.appending(path: "up-\(UUID().uuidString.prefix(6)).log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: log)
        process.standardError = try FileHandle(forWritingTo: log)
        try process.run()
    }

    func kill9() {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    func terminate() async {
        guard process.isRunning else { return }
        process.terminate()
        for _ in 0..<300 where process.isRunning { try? await Task.sleep(for: .milliseconds(100)) }
        if process.isRunning { kill9() }
    }

    func kubectl(_ arguments: String..., stdin: String? = nil) async throws -> ProcessOutput {
        guard let kubectl = SystemComponent.kubectl else { throw SkipTest() }
        return try await ProcessRunner.run(
            kubectl, arguments, environment: ["KUBECONFIG": kubeconfig.path, "HOME": directory.path], stdin: stdin)
    }

    /// Waits until kubectl can reach the server.
    func waitReady() async throws {
        for _ in 0..<600 {
            if FileManager.default.fileExists(atPath: kubeconfig.path), (try? await kubectl("get", "namespace", "default"))?.succeeded == true {
                return
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw NodeCluster.TimedOut(what: "sympozium up to serve")
    }
}
