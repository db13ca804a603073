import EventBus
import Foundation
import IPCBridge
import Logging
import ServiceLifecycle

// The ipc-bridge sidecar: EVENT_BUS_URL (comma-separated NATS URLs), AGENT_RUN_ID,
// INSTANCE_NAME, AGENT_NAMESPACE, SYMPOZIUM_IPC_DIR (default /ipc).
LoggingSystem.bootstrap { StreamLogHandler.standardError(label: $0) }
let logger = Logger(label: "sympozium.ipc-bridge")
do {
    let environment = ProcessInfo.processInfo.environment
    let configuration = try IPCBridgeConfiguration.fromEnvironment(environment)
    let bus: any EventBus
    if let url = environment["EVENT_BUS_URL"], !url.isEmpty {
        var options = try NATSClientOptions(urls: url)
        options.name = "ipc-bridge-\(configuration.agentRunID)"
        options.logger = logger
        let client = NATSClient(options: options)
        try await client.connect()
        let nats = NATSEventBus(client: client)
        try await nats.ensureStream()
        bus = nats
    } else {
        // No event bus (embedded mode without nats-server): /ipc is still served
        // and the bridge ends with the run; its events reach no one.
        logger.warning("EVENT_BUS_URL is empty: events from this run are not published")
        bus = InProcessEventBus()
    }
    let bridge = IPCBridge(configuration: configuration, bus: bus, logger: logger)
    let group = ServiceGroup(
        configuration: ServiceGroupConfiguration(
            services: [.init(service: bridge, successTerminationBehavior: .gracefullyShutdownGroup)],
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger))
    try await group.run()
    await bus.close()
} catch {
    logger.error("ipc-bridge failed", metadata: ["error": "\(error)"])
    exit(1)
}
