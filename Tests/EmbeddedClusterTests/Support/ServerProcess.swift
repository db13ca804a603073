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

    /// A TCP port nothing listens on right now.
    static func freePort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        _ = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
