import EventBus
import Logging
import ServiceLifecycle

/// A connection to a NATS JetStream event bus by URL.
enum EventBusConnection {
    /// Connects, retrying for a while (the bus may start after us), and makes
    /// sure the stream exists.
    static func connect(url: String, name: String, logger: Logger, attempts: Int = 30) async throws -> NATSEventBus {
        do {
            return try await NATSEventBus.connect(url: url, name: name, logger: logger, attempts: attempts)
        } catch let error as EventBusError {
            throw CLIError(code: error.code, error.message)
        }
    }
}

/// Closes an event bus on graceful shutdown (after the services listed after it).
struct EventBusShutdown: ServiceLifecycle.Service {
    let bus: any EventBus

    func run() async throws {
        try? await gracefulShutdown()
        await bus.close()
    }
}
