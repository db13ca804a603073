import EventBus
import Foundation
import Hummingbird
import HummingbirdWebSocket
import KubeClient
import Logging
import NIOCore
import ServiceLifecycle

/// Sympozium's HTTP + WebSocket API, as a Service: JSON REST under /api/v1
/// over the Kubernetes API, event-bus events on /ws/stream, health probes.
/// Run it in a ServiceGroup; graceful shutdown closes open streams.
public struct APIServer: ServiceLifecycle.Service {
    public let configuration: APIServerConfiguration
    let client: KubeClient
    let eventBus: (any EventBus)?
    let logger: Logger
    let onListening: @Sendable (Int) async -> Void

    /// - Parameters:
    ///   - client: reaches the Kubernetes API (a cluster or `sympozium up`'s).
    ///   - eventBus: what /ws/stream forwards; without one it answers 503.
    ///   - onListening: receives the bound port (useful with port 0).
    public init(
        configuration: APIServerConfiguration, client: KubeClient, eventBus: (any EventBus)?,
        logger: Logger = Logger(label: "sympozium.api"), onListening: @escaping @Sendable (Int) async -> Void = { _ in }
    ) {
        self.configuration = configuration
        self.client = client
        self.eventBus = eventBus
        self.logger = logger
        self.onListening = onListening
    }

    public func run() async throws {
        if configuration.token == nil {
            logger.warning(
                "THE API HAS NO TOKEN: anyone who can reach \(configuration.host) may read and start agent runs; set SYMPOZIUM_API_TOKEN or --token-file"
            )
        }
        do {
            try await serve(port: configuration.port)
        } catch let error as IOError where error.errnoCode == EADDRINUSE && configuration.fallBackToFreePort && configuration.port != 0 {
            logger.notice("port \(configuration.port) is in use: the API listens on a free port instead")
            try await serve(port: 0)
        }
    }

    private func serve(port: Int) async throws {
        let routes = APIRoutes(configuration: configuration, client: client, eventBus: eventBus)
        let webSocket = WebSocketServerConfiguration(
            maxFrameSize: configuration.maxRequestBodyBytes, autoPing: .enabled(timePeriod: configuration.webSocketPingInterval))
        let logger = self.logger
        let host = configuration.host
        let authenticated = configuration.token != nil
        let onListening = self.onListening
        let application = Application(
            router: routes.httpRouter(),
            server: .http1WebSocketUpgrade(webSocketRouter: routes.webSocketRouter(), configuration: .init(ws: webSocket)),
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: "sympozium-api"),
            onServerRunning: { channel in
                let bound = channel.localAddress?.port ?? port
                logger.info(
                    "API server listening",
                    metadata: ["http.host": "\(host)", "http.port": "\(bound)", "auth": "\(authenticated ? "bearer token" : "none")"])
                await onListening(bound)
            },
            logger: logger)
        try await application.run()
        logger.info("API server stopped")
    }
}
