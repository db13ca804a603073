import ClusterTestSupport
import Foundation
import Testing

/// `sympozium up` as a real child process, for crash and restart tests.
final class ServerProcess: @unchecked Sendable {
    let process = Process()
    let port: Int
    let dataDirectory: URL

    static var binary: String? {
        let root = KubectlTests.packageRoot
        for candidate in [".build/debug/sympozium", ".build/release/sympozium"] {
            let path = root.appending(path: candidate).path
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        if SystemComponent.isCI { Issue.record("the sympozium binary is not built: run swift build first") }
        return nil
    }

    init(binary: String, dataDirectory: URL, port: Int, tls: Bool = false) throws {
        self.port = port
        self.dataDirectory = dataDirectory
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["up", "--data-dir", dataDirectory.path, "--port", String(port), "--log-level", "error"]
            + (tls ? [] : ["--no-tls"])
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
    }

    /// Waits until the server answers /healthz.
    func waitUntilReady(timeout: Duration = .seconds(20)) async throws {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        let http = TestHTTP(base: "http://127.0.0.1:\(port)", token: "")
        while clock.now < deadline {
            if let reply = try? await http.send("GET", "/healthz"), reply.status == 200 { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw ProcessTimeout(command: "sympozium up on port \(port)")
    }

    func kill9() {
        Foundation.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    func terminate() {
        process.terminate()
        process.waitUntilExit()
    }

    var adminToken: String {
        (try? String(contentsOf: dataDirectory.appending(path: "admin-token"), encoding: .utf8))?
            .trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
    }

}
