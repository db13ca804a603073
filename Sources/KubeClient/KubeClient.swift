import AsyncHTTPClient
import Foundation
import KubeModel
import Logging
import NIOCore
import NIOHTTP1
import NIOSSL

/// A connection to one Kubernetes API server (a real cluster or the embedded
/// control plane): TLS, credentials, and requests that turn error answers into
/// `KubeAPIError`. Typed access goes through `Api<R>`, untyped through `DynamicApi`.
///
/// Call `shutdown()` when done (or use `withKubeClient`).
public final class KubeClient: Sendable {
    public let configuration: ClientConfiguration
    let http: HTTPClient
    let tokens: BearerTokenProvider
    let logger: Logger
    let baseURL: String
    /// Largest response body read into memory (a big list).
    static let maxResponseBytes = 512 * 1024 * 1024

    public init(_ configuration: ClientConfiguration, logger: Logger = Logger(label: "sympozium.kubeclient")) throws(KubeClientError) {
        self.configuration = configuration
        self.logger = logger
        self.tokens = BearerTokenProvider(source: configuration.credentials)
        var base = configuration.server.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        self.baseURL = base
        var httpConfiguration = HTTPClient.Configuration()
        if configuration.server.scheme == "https" {
            httpConfiguration.tlsConfiguration = try Self.tlsConfiguration(configuration)
        }
        httpConfiguration.timeout = HTTPClient.Configuration.Timeout(connect: .seconds(10), read: nil)
        httpConfiguration.connectionPool = HTTPClient.Configuration.ConnectionPool(
            idleTimeout: .seconds(90), concurrentHTTP1ConnectionsPerHostSoftLimit: 32)
        // Fail fast (refused connection, untrusted certificate): callers that
        // should keep trying (watchers, controllers) retry with their own backoff.
        httpConfiguration.connectionPool.retryConnectionEstablishment = false
        httpConfiguration.decompression = .enabled(limit: .none)
        httpConfiguration.redirectConfiguration = .disallow
        self.http = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: httpConfiguration)
    }

    /// Closes connections. Requests in flight fail.
    public func shutdown() async throws {
        try await http.shutdown()
    }

    private static func tlsConfiguration(_ configuration: ClientConfiguration) throws(KubeClientError) -> TLSConfiguration {
        var tls = TLSConfiguration.makeClientConfiguration()
        // A connection the client gives up (a cancelled watch) sends its
        // close_notify and does not wait long for the server's: a server
        // streaming a response reads no more input, so waiting the default 5 s
        // only delayed every shutdown by that much.
        tls.shutdownTimeout = .milliseconds(250)
        do {
            if let pem = configuration.certificateAuthorityPEM {
                tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMBytes(pem))
            }
            if configuration.insecureSkipTLSVerify {
                tls.certificateVerification = .none
            }
            if let certificate = configuration.clientCertificatePEM, let key = configuration.clientKeyPEM {
                tls.certificateChain = try NIOSSLCertificate.fromPEMBytes(certificate).map { .certificate($0) }
                tls.privateKey = .privateKey(try NIOSSLPrivateKey(bytes: key, format: .pem))
            }
        } catch {
            throw KubeClientError(.configuration, "invalid TLS material in the client configuration: \(error)")
        }
        return tls
    }
}

/// Runs `body` with a client and shuts the client down afterwards.
public func withKubeClient<T>(
    _ configuration: ClientConfiguration, logger: Logger = Logger(label: "sympozium.kubeclient"),
    _ body: (KubeClient) async throws -> T
) async throws -> T {
    let client = try KubeClient(configuration, logger: logger)
    do {
        let result = try await body(client)
        try await client.shutdown()
        return result
    } catch {
        try? await client.shutdown()
        throw error
    }
}
