import AsyncHTTPClient
import EventBus
import Foundation
import Logging
import ServiceLifecycle

/// The body of every channel executable: read the environment, make the
/// adapter (with an HTTP client for the platform's API), connect the bus,
/// run until SIGTERM. Returns the exit status.
public enum ChannelMain {
    public static func run(
        logger: Logger, environment: [String: String] = ProcessInfo.processInfo.environment,
        makeAdapter: ([String: String], HTTPClient) throws -> some ChannelAdapter
    ) async -> Int32 {
        let http = HTTPClient(
            eventLoopGroup: HTTPClient.defaultEventLoopGroup,
            configuration: HTTPClient.Configuration(redirectConfiguration: .disallow, timeout: .init(connect: .seconds(10))))
        let status = await run(logger: logger, environment: environment, http: http, makeAdapter: makeAdapter)
        try? await http.shutdown()
        return status
    }

    private static func run(
        logger: Logger, environment: [String: String], http: HTTPClient,
        makeAdapter: ([String: String], HTTPClient) throws -> some ChannelAdapter
    ) async -> Int32 {
        let configuration: ChannelConfiguration
        let adapter: any ChannelAdapter
        do {
            configuration = try ChannelConfiguration.fromEnvironment(environment)
            adapter = try makeAdapter(environment, http)
        } catch {
            logger.error("channel not configured", metadata: ["error": "\(error)"])
            return 2
        }
        let bus: NATSEventBus
        do {
            bus = try await NATSEventBus.connect(
                url: configuration.eventBusURL, name: "channel-\(adapter.channel)-\(configuration.instanceName)", logger: logger)
        } catch {
            logger.error("channel cannot reach the event bus", metadata: ["error": "\(error)"])
            return 1
        }
        var status: Int32 = 0
        do {
            try await serve(adapter, bus: bus, configuration: configuration, logger: logger)
        } catch {
            logger.error("channel failed", metadata: ["error": "\(error)"])
            status = 1
        }
        await bus.close()
        return status
    }

    private static func serve(
        _ adapter: some ChannelAdapter, bus: any EventBus, configuration: ChannelConfiguration, logger: Logger
    ) async throws {
        let service = ChannelService(adapter: adapter, bus: bus, configuration: configuration, logger: logger)
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: [.init(service: service, successTerminationBehavior: .gracefullyShutdownGroup)],
                gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }
}
