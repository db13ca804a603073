import Hummingbird
import Logging
import NIOCore

/// A Hummingbird application of a test, serving on 127.0.0.1 (a free port)
/// until `stop()`: the local stand-ins for Telegram, Slack or an LLM provider.
public struct LocalHTTPServer: Sendable {
    public let port: Int
    private let task: Task<Void, any Error>

    /// `make` builds the application from the address to bind, a quiet logger
    /// and the callback that reports the bound port.
    public static func start<App: ApplicationProtocol>(
        name: String,
        _ make: (ApplicationConfiguration, Logger, @escaping @Sendable (any Channel) async -> Void) -> App
    ) async -> LocalHTTPServer {
        var logger = Logger(label: "test.\(name)")
        logger.logLevel = .critical
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let application = make(
            ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0), serverName: name), logger,
            { channel in continuation.yield(channel.localAddress?.port ?? 0) })
        let task = Task { try await application.runService(gracefulShutdownSignals: []) }
        var port = 0
        for await bound in ports {
            port = bound
            break
        }
        return LocalHTTPServer(port: port, task: task)
    }

    public func stop() async {
        task.cancel()
        _ = try? await task.value
    }
}
