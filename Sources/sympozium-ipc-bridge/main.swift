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
    var options = try NATSClientOptions(urls: environment["EVENT_BUS_URL"] ?? "nats://127.0.0.1:4222")
    options.name = "ipc-bridge-\(configuration.agentRunID)"
    options.logger = logger
    let client = NATSClient(options: options)
    try await client.connect()
    let bus = NATSEventBus(client: client)
    try await bus.ensureStream()
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
