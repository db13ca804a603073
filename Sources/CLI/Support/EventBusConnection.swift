import EventBus
import Logging
import ServiceLifecycle

/// A connection to a NATS JetStream event bus by URL.
enum EventBusConnection {
    /// Connects, retrying for a while (the bus may start after us), and makes
    /// sure the stream exists.
    static func connect(url: String, name: String, logger: Logger, attempts: Int = 30) async throws -> NATSEventBus {
        var options: NATSClientOptions
        do {
            options = try NATSClientOptions(urls: url)
        } catch {
            throw CLIError(code: "InvalidEventBusURL", "invalid event bus URL \(url): \(error)")
        }
        options.name = name
        options.logger = logger
        var attempt = 0
        while true {
            // A client connects once: each attempt gets a new one.
            let client = NATSClient(options: options)
            do {
                try await client.connect()
                let bus = NATSEventBus(client: client)
                try await bus.ensureStream()
                logger.info("event bus connected", metadata: ["nats.url": "\(url)"])
                return bus
            } catch {
                await client.close()
                attempt += 1
                guard attempt < attempts else {
                    throw CLIError(code: "EventBusUnavailable", "cannot reach the event bus at \(url): \(error)")
                }
                logger.notice("event bus not reachable yet; retrying", metadata: ["nats.url": "\(url)", "error": "\(error)"])
                try await Task.sleep(for: .seconds(1))
            }
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
