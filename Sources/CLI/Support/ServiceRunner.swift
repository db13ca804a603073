import KubeClient
import Logging
import ServiceLifecycle

/// Runs a long-lived command's services until SIGTERM or SIGINT, then shuts
/// its Kubernetes client down.
enum ServiceRunner {
    static func run(_ services: [any ServiceLifecycle.Service], client: KubeClient, logger: Logger) async throws {
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: services.map { ServiceGroupConfiguration.ServiceConfiguration(service: $0) },
                gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        do {
            try await group.run()
        } catch {
            try? await client.shutdown()
            throw error
        }
        try await client.shutdown()
    }
}
