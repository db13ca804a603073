import Foundation
import KubeClient
import KubeModel
import Logging
import ServiceLifecycle

/// Embedded mode's node: the kubelet and the Job/Deployment controllers.
/// Its log source exists before any client does, so the API server can be
/// built with it and the node started once the server listens.
public struct LocalNode: Sendable {
    public var configuration: LocalNodeConfiguration
    let registry = PodRegistry()
    let logger: Logger
    let onContainerStarted: (@Sendable (Pod, String) -> Void)?

    public init(
        configuration: LocalNodeConfiguration, logger: Logger = Logger(label: "sympozium.node"),
        onContainerStarted: (@Sendable (Pod, String) -> Void)? = nil
    ) {
        self.configuration = configuration
        self.logger = logger
        self.onContainerStarted = onContainerStarted
    }

    /// Serves pods/log from this node's container logs.
    public var logSource: ContainerLogSource { ContainerLogSource(registry: registry, configuration: configuration) }

    /// The kubelet and the workload controllers, talking to the API server through `client`.
    public func services(client: KubeClient, apiServerPort: Int? = nil, caCertificatePEM: String? = nil) -> [any ServiceLifecycle.Service] {
        var configuration = self.configuration
        if let apiServerPort { configuration.apiServerPort = apiServerPort }
        if let caCertificatePEM { configuration.caCertificatePEM = caCertificatePEM }
        return [
            WorkloadControllers(client: client, logger: logger),
            Kubelet(client: client, configuration: configuration, registry: registry, logger: logger, onContainerStarted: onContainerStarted),
        ]
    }
}

/// Runs services that need a client of the API server once it listens: waits
/// for the port, builds a client from the kubeconfig, runs the services in
/// their own group (graceful shutdown passes through), then closes the client.
public struct ClientServices: ServiceLifecycle.Service {
    let ports: AsyncStream<Int>
    let kubeconfig: URL
    let make: @Sendable (KubeClient, Int) async throws -> [any ServiceLifecycle.Service]
    let logger: Logger

    public init(
        ports: AsyncStream<Int>, kubeconfig: URL, logger: Logger,
        make: @escaping @Sendable (KubeClient, Int) async throws -> [any ServiceLifecycle.Service]
    ) {
        self.ports = ports
        self.kubeconfig = kubeconfig
        self.make = make
        self.logger = logger
    }

    public func run() async throws {
        var port: Int?
        for await bound in ports.cancelOnGracefulShutdown() {
            port = bound
            break
        }
        guard let port else { return }
        var configuration = try ClientConfiguration.fromKubeconfig(paths: [kubeconfig.path])
        configuration.decodesManagedFields = false  // controllers and the node never read them
        let client = try KubeClient(configuration, logger: logger)
        do {
            let services = try await make(client, port)
            let group = ServiceGroup(
                configuration: ServiceGroupConfiguration(
                    services: services.map { ServiceGroupConfiguration.ServiceConfiguration(service: $0) }, logger: logger))
            try await withGracefulShutdownHandler {
                try await group.run()
            } onGracefulShutdown: {
                Task { await group.triggerGracefulShutdown() }
            }
        } catch {
            try? await client.shutdown()
            throw error
        }
        try await client.shutdown()
    }
}
