/// How the API server listens and whom it lets in.
public struct APIServerConfiguration: Sendable {
    /// The port `sympozium apiserver` listens on by default.
    public static let defaultPort = 8080

    /// Address to listen on ("127.0.0.1", "0.0.0.0").
    public var host: String
    /// Port to listen on; 0 picks a free one.
    public var port: Int
    /// When set, /api/* and /ws/* need `Authorization: Bearer <token>`.
    public var token: APIToken?
    /// Namespace of requests that name none (`?namespace=`).
    public var defaultNamespace: String
    /// Largest request body, and largest WebSocket message, accepted.
    public var maxRequestBodyBytes: Int
    /// When the port is taken, listen on a free one instead of failing
    /// (for a default port nobody asked for explicitly).
    public var fallBackToFreePort: Bool
    /// Interval of WebSocket pings that keep idle streams alive and find dead peers.
    public var webSocketPingInterval: Duration

    public init(
        host: String = "127.0.0.1", port: Int = defaultPort, token: APIToken? = nil, defaultNamespace: String = "default",
        maxRequestBodyBytes: Int = 1 << 20, fallBackToFreePort: Bool = false, webSocketPingInterval: Duration = .seconds(30)
    ) {
        self.host = host
        self.port = port
        self.token = token
        self.defaultNamespace = defaultNamespace
        self.maxRequestBodyBytes = maxRequestBodyBytes
        self.fallBackToFreePort = fallBackToFreePort
        self.webSocketPingInterval = webSocketPingInterval
    }
}
