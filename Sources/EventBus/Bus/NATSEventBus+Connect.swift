import Logging

extension NATSEventBus {
    /// Connects to the NATS servers at `url` (comma-separated), retrying while
    /// they are not reachable yet (the bus may start after its clients), and
    /// makes sure the stream exists.
    public static func connect(
        url: String, name: String, logger: Logger, attempts: Int = 30, retryDelay: Duration = .seconds(1)
    ) async throws -> NATSEventBus {
        var options: NATSClientOptions
        do {
            options = try NATSClientOptions(urls: url)
        } catch {
            throw EventBusError(code: "InvalidEventBusURL", message: "invalid event bus URL \(url): \(error)")
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
                    throw EventBusError(code: "EventBusUnavailable", message: "cannot reach the event bus at \(url): \(error)")
                }
                logger.notice("event bus not reachable yet; retrying", metadata: ["nats.url": "\(url)", "error": "\(error)"])
                try await Task.sleep(for: retryDelay)
            }
        }
    }
}
