/// The server's INFO document.
public struct NATSServerInfo: Codable, Sendable, Equatable {
    public var serverID: String?
    public var serverName: String?
    public var version: String?
    public var proto: Int?
    public var host: String?
    public var port: Int?
    public var headers: Bool?
    public var maxPayload: Int?
    public var authRequired: Bool?
    public var tlsRequired: Bool?
    public var tlsAvailable: Bool?
    public var nonce: String?
    public var connectURLs: [String]?
    public var jetstream: Bool?
    public var clientID: UInt64?

    enum CodingKeys: String, CodingKey {
        case serverID = "server_id", serverName = "server_name", version, proto, host, port, headers
        case maxPayload = "max_payload", authRequired = "auth_required", tlsRequired = "tls_required"
        case tlsAvailable = "tls_available", nonce, connectURLs = "connect_urls", jetstream, clientID = "client_id"
    }
}

/// The CONNECT document the client sends.
struct NATSConnectRequest: Encodable {
    var verbose = false
    var pedantic = false
    var tlsRequired: Bool
    var name: String?
    var lang = "swift"
    var version = "0.1.0"
    var `protocol` = 1
    var echo = true
    var headers = true
    var noResponders = true
    var authToken: String?
    var user: String?
    var pass: String?
    var nkey: String?
    var sig: String?

    enum CodingKeys: String, CodingKey {
        case verbose, pedantic, tlsRequired = "tls_required", name, lang, version, `protocol`, echo, headers
        case noResponders = "no_responders", authToken = "auth_token", user, pass, nkey, sig
    }
}
