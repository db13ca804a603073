import Foundation
import Logging
import NIOCore
import NIOSSL

/// One server to connect to: `nats://[user:pass@|token@]host:port` or `tls://...`.
public struct NATSServerAddress: Sendable, Equatable, CustomStringConvertible {
    public var host: String
    public var port: Int
    public var requiresTLS: Bool
    /// Credentials embedded in the URL (used when the options carry none).
    public var user: String?
    public var password: String?

    public init(host: String, port: Int = 4222, requiresTLS: Bool = false) {
        self.host = host
        self.port = port
        self.requiresTLS = requiresTLS
    }

    /// Parses `nats://`, `tls://`, or a bare `host:port`.
    public init(parsing text: String) throws {
        let withScheme = text.contains("://") ? text : "nats://\(text)"
        guard let components = URLComponents(string: withScheme), let host = components.host, !host.isEmpty else {
            throw NATSError.invalidOptions("invalid server URL \"\(text)\"")
        }
        let scheme = components.scheme?.lowercased() ?? "nats"
        guard ["nats", "tls"].contains(scheme) else {
            throw NATSError.invalidOptions("unsupported scheme \"\(scheme)\" in \"\(text)\"")
        }
        self.init(host: host, port: components.port ?? 4222, requiresTLS: scheme == "tls")
        user = components.user?.removingPercentEncoding
        password = components.password?.removingPercentEncoding
    }

    public var description: String { "\(requiresTLS ? "tls" : "nats")://\(host):\(port)" }
}

/// How the client authenticates.
public enum NATSAuth: Sendable {
    case none
    case token(String)
    case userPassword(user: String, password: String)
    /// An nkey seed (`SU...`): the client signs the server's nonce with it.
    case nkeySeed(String)
}

/// Something that happened to the connection.
public enum NATSClientEvent: Sendable {
    case connected(NATSServerAddress)
    case disconnected(reason: String)
    case reconnected(NATSServerAddress)
    case closed
    case slowConsumer(subject: String, dropped: Int)
    case serverError(String)
}

/// Configuration of a `NATSClient`. Defaults follow the reference clients.
public struct NATSClientOptions: Sendable {
    public var servers: [NATSServerAddress]
    public var name: String?
    public var auth: NATSAuth = .none
    /// TLS for `tls://` servers and servers that require it; nil uses the system defaults.
    public var tls: TLSConfiguration?
    public var connectTimeout: Duration = .seconds(5)
    /// First wait between reconnect passes; doubles up to `maxReconnectWait`.
    public var reconnectWait: Duration = .milliseconds(250)
    public var maxReconnectWait: Duration = .seconds(4)
    /// Random extra wait added to every backoff.
    public var reconnectJitter: Duration = .milliseconds(100)
    /// Reconnect attempts before giving up; negative means forever.
    public var maxReconnectAttempts: Int = -1
    /// Outgoing bytes kept while disconnected; beyond it publishes fail.
    public var reconnectBufferSize: Int = 8 * 1024 * 1024
    /// Outgoing bytes queued while connected before publishers wait for the socket.
    public var writeHighWaterMark: Int = 4 * 1024 * 1024
    public var pingInterval: Duration = .seconds(120)
    public var maxPingsOutstanding: Int = 2
    /// Messages buffered per subscription before new ones are dropped (slow consumer).
    public var subscriptionPendingLimit: Int = 65_536
    public var requestTimeout: Duration = .seconds(5)
    public var inboxPrefix: String = "_INBOX"
    public var eventHandler: (@Sendable (NATSClientEvent) -> Void)?
    public var logger: Logger = Logger(label: "sympozium.nats")

    public init(servers: [NATSServerAddress]) {
        self.servers = servers
    }

    /// Options for comma-separated server URLs (`EVENT_BUS_URL`).
    public init(urls: String) throws {
        let parts = urls.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !parts.isEmpty else { throw NATSError.invalidOptions("no server URL given") }
        self.init(servers: try parts.map { try NATSServerAddress(parsing: $0) })
    }
}

extension Duration {
    var nanoseconds: Int64 {
        let parts = components
        let nanos = parts.seconds.multipliedReportingOverflow(by: 1_000_000_000)
        if nanos.overflow { return .max }
        return nanos.partialValue + parts.attoseconds / 1_000_000_000
    }

    var timeAmount: TimeAmount { .nanoseconds(nanoseconds) }
}
