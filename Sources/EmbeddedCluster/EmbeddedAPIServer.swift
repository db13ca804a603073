import APIMachinery
import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import KubeModel
import Logging
import ServiceLifecycle
import ServiceLifecycle

/// The embedded control plane: a Kubernetes-compatible API server over SQLite
/// plus the built-in controllers that make its semantics whole (garbage
/// collection, namespace lifecycle, CRD establishment, default service accounts).
public struct EmbeddedAPIServer: Sendable {
    public struct Configuration: Sendable {
        public var dataDirectory: URL
        public var host = "127.0.0.1"
        /// 0 picks a free port.
        public var port = 6443
        /// Serve HTTPS with a self-generated CA. kubectl sends bearer tokens only over TLS.
        public var tls = true
        public var store = ObjectStore.Configuration()

        public init(dataDirectory: URL, port: Int = 6443) {
            self.dataDirectory = dataDirectory
            self.port = port
        }
    }

    public let configuration: Configuration
    public let store: ObjectStore
    public let registry: ResourceRegistry
    public let service: ObjectService
    public let adminToken: String
    /// The CA and serving certificate when serving HTTPS.
    public let certificates: ServingCertificates?
    let authenticator: TokenAuthenticator
    let authorizer: AuthorizerCache
    let logger: Logger

    /// Opens the data directory (creating it, its database and its admin token)
    /// and registers the stored CRDs. Nothing listens until `services` run.
    public static func open(
        _ configuration: Configuration, admission: AdmissionChain = AdmissionChain(),
        logger: Logger = Logger(label: "sympozium.apiserver")
    ) async throws -> EmbeddedAPIServer {
        let files = DataDirectory(url: configuration.dataDirectory)
        try files.prepare()
        let store = try await ObjectStore.open(
            path: files.database.path, configuration: configuration.store, logger: logger,
            fields: { resource, object in SelectableFields.of(object, resource: resource) })
        let registry = ResourceRegistry()
        await CRDController.registerExisting(store: store, registry: registry)
        let service = ObjectService(store: store, registry: registry, admission: admission, logger: logger)
        try await Bootstrap.run(service: service, logger: logger)
        let adminToken = try files.adminToken()
        let certificates = configuration.tls ? try ServingCertificates.loadOrCreate(in: configuration.dataDirectory) : nil
        return EmbeddedAPIServer(
            configuration: configuration, store: store, registry: registry, service: service, adminToken: adminToken,
            certificates: certificates,
            authenticator: TokenAuthenticator(store: store, adminToken: adminToken), authorizer: AuthorizerCache(store: store),
            logger: logger)
    }

    /// The HTTP server and the built-in controllers, to run in a ServiceGroup.
    /// `onListening` receives the bound port (useful with port 0).
    public func services(
        logSource: (any PodLogSource)? = nil, onListening: @escaping @Sendable (Int) async -> Void = { _ in }
    ) throws -> [any ServiceLifecycle.Service] {
        let address = "\(configuration.host):\(configuration.port)"
        let tables = TableRenderer()
        let responder = KubeAPIResponder(
            registry: registry, authenticator: authenticator, authorizer: authorizer,
            resources: ResourceHandler(
                service: service, tables: tables, reviews: Reviews(authorizer: authorizer, authenticator: authenticator),
                logger: logger),
            discovery: DiscoveryDocuments(registry: registry, serverAddress: address),
            openAPI: OpenAPIDocuments(registry: registry), logSource: logSource, logger: logger)
        let store = self.store
        let server: HTTPServerBuilder =
            if let certificates { try .tls(.http1(), tlsConfiguration: certificates.tlsConfiguration()) } else { .http1() }
        let application = Application(
            responder: responder, server: server,
            configuration: ApplicationConfiguration(
                address: .hostname(configuration.host, port: configuration.port), serverName: "sympozium-apiserver"),
            onServerRunning: { channel in
                await onListening(channel.localAddress?.port ?? 0)
            },
            logger: logger)
        // A ServiceGroup shuts its services down last to first: the
        // controllers stop (each ending its own watch) before every remaining
        // watch is closed, and the HTTP server goes last.
        return [
            application,
            WatchShutdown(store: store),
            GarbageCollector(service: service, logger: logger),
            CRDController(service: service, logger: logger),
            ServiceAccountController(service: service, logger: logger),
            TokenSecretController(
                service: service, authenticator: authenticator, caCertificate: certificates?.caCertificatePEM,
                logger: logger),
        ]
    }

    /// The URL clients use once the server listens on `port`.
    public func serverURL(port: Int) -> String {
        "\(certificates == nil ? "http" : "https")://\(configuration.host):\(port)"
    }

    /// Writes `<data-dir>/kubeconfig` for the admin user.
    public func writeKubeconfig(port: Int) throws -> URL {
        let files = DataDirectory(url: configuration.dataDirectory)
        try files.writeKubeconfig(
            server: serverURL(port: port), token: adminToken,
            certificateAuthority: certificates.map { Data($0.caCertificatePEM.utf8) })
        return files.kubeconfig
    }
}

/// Ends every open watch when the server shuts down, so connections close promptly.
struct WatchShutdown: ServiceLifecycle.Service {
    let store: ObjectStore

    func run() async throws {
        try? await gracefulShutdown()
        await store.stopAllWatches()
    }
}
