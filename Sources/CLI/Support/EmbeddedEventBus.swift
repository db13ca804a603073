import EventBus
import Foundation
#if canImport(Glibc)
    import Glibc
#endif
import Logging
import ServiceLifecycle

/// The event bus of `sympozium up`: a nats-server child process with
/// JetStream in the data directory when one is installed, so agent pods'
/// IPC bridges (separate processes) can reach it; otherwise an in-process bus
/// that only the control plane sees.
struct EmbeddedEventBus {
    let bus: any EventBus
    /// What pods use to reach it; empty for the in-process bus.
    let url: String
    /// Keeps the nats-server running until shutdown.
    let service: (any ServiceLifecycle.Service)?

    static let searchPaths = ["/usr/sbin/nats-server", "/usr/bin/nats-server", "/usr/local/bin/nats-server"]

    static func start(dataDirectory: URL, executable: String?, logger: Logger) async throws -> EmbeddedEventBus {
        let candidates = executable.map { [$0] } ?? searchPaths
        guard let server = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            logger.warning(
                "no nats-server found: using an in-process event bus; agent pods' IPC bridges cannot reach it (apt-get install nats-server)")
            return EmbeddedEventBus(bus: InProcessEventBus(), url: "", service: nil)
        }
        let port = try FreePort.pick()
        let store = dataDirectory.appending(path: "nats")
        try FileManager.default.createDirectory(at: store, withIntermediateDirectories: true)
        let process = Process()
        // setpriv: the server dies with `sympozium up`, even after kill -9.
        let setpriv = "/usr/bin/setpriv"
        let arguments = ["-a", "127.0.0.1", "-p", "\(port)", "-js", "-sd", store.path]
        if FileManager.default.isExecutableFile(atPath: setpriv) {
            process.executableURL = URL(fileURLWithPath: setpriv)
            process.arguments = ["--pdeathsig", "KILL", "--", server] + arguments
        } else {
            process.executableURL = URL(fileURLWithPath: server)
            process.arguments = arguments
        }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let url = "nats://127.0.0.1:\(port)"
        var options = try NATSClientOptions(urls: url)
        options.name = "sympozium-up"
        options.logger = logger
        var attempt = 0
        var connected: NATSClient?
        while connected == nil {
            // A client connects once: each attempt gets a new one.
            let client = NATSClient(options: options)
            do {
                try await client.connect()
                connected = client
            } catch {
                await client.close()
                attempt += 1
                guard attempt < 50, process.isRunning else {
                    process.terminate()
                    throw CLIError(code: "EventBusFailed", "nats-server (\(server)) did not start on port \(port): \(error)")
                }
                try await Task.sleep(for: .milliseconds(100))
            }
        }
        guard let client = connected else { throw CLIError(code: "EventBusFailed", "nats-server did not accept a connection") }
        let bus = NATSEventBus(client: client)
        try await bus.ensureStream()
        logger.info("event bus: nats-server with JetStream", metadata: ["url": "\(url)", "store": "\(store.path)"])
        return EmbeddedEventBus(bus: bus, url: url, service: NATSServerProcess(process: process, bus: bus))
    }
}

/// Stops the nats-server child on graceful shutdown.
struct NATSServerProcess: ServiceLifecycle.Service {
    let process: Process
    let bus: any EventBus

    func run() async throws {
        try? await gracefulShutdown()
        await bus.close()
        if process.isRunning { process.terminate() }
    }
}

/// A free TCP port on 127.0.0.1, chosen by the kernel.
enum FreePort {
    static func pick() throws -> Int {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw CLIError(code: "NoPort", "cannot open a socket to find a free port") }
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, length) } }
        let named = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socket, $0, &length) } }
        guard bound == 0, named == 0 else { throw CLIError(code: "NoPort", "cannot find a free port on 127.0.0.1") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
