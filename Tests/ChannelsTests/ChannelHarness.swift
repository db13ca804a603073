import AsyncHTTPClient
@testable import Channels
import EventBus
import Foundation
import Logging
import Testing

/// Runs a `ChannelService` on the in-process bus for a test.
enum ChannelHarness {
    static let configuration: ChannelConfiguration = {
        var configuration = ChannelConfiguration(instanceName: "alice", instanceNamespace: "team-a", eventBusURL: "unused")
        configuration.retryDelay = .milliseconds(50)
        return configuration
    }()

    /// Runs the adapter `make` returns until `body` returns; `body` gets the bus
    /// and the service's task (to await its end).
    static func run<Adapter: ChannelAdapter>(
        _ make: (HTTPClient, Logger) -> Adapter,
        _ body: (InProcessEventBus, Task<Void, any Error>) async throws -> Void
    ) async throws {
        let http = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup)
        let bus = InProcessEventBus()
        var logger = Logger(label: "test.channel")
        logger.logLevel = .critical
        let service = ChannelService(adapter: make(http, logger), bus: bus, configuration: configuration, logger: logger)
        let running = Task { try await service.run() }
        var failure: (any Error)?
        do {
            try await body(bus, running)
        } catch {
            failure = error
        }
        running.cancel()
        _ = try? await running.value
        await bus.close()
        try await http.shutdown()
        if let failure { throw failure }
    }

    /// The channel reports healthy once it consumes replies.
    static func waitUntilHealthy(_ bus: InProcessEventBus) async throws {
        let health = try await bus.subscribe(EventTopic.channelHealthUpdate, options: .init(start: .allEvents))
        let report = try #require(try await health.next()).event.decodeData(as: ChannelHealth.self)
        #expect(report.status == .healthy)
        await health.cancel()
    }
}

/// Waits up to 20 s for a condition.
func eventually(_ what: String, timeout: Duration = .seconds(20), _ condition: () async throws -> Bool) async throws {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if try await condition() { return }
        try await Task.sleep(for: .milliseconds(20))
    }
    Issue.record("timed out waiting for \(what)")
}
