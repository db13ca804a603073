import ClusterTestSupport
import EventBus
import Foundation
import KubeModel
import Testing

/// `sympozium apiserver --event-bus-url` on a real nats-server: events
/// published on JetStream reach a WebSocket client, and each socket's
/// consumer is gone once the socket closes.
@Suite("`sympozium apiserver` on a nats-server event bus", .serialized)
struct APIServerNATSTests {
    @Test("events published on NATS reach /ws/stream; the socket's JetStream consumer ends with it; SIGTERM exits 0")
    func natsStream() async throws {
        guard let binary = SystemComponent.sympozium,
            let natsServer = SystemComponent.require(EmbeddedNATS.path, hint: "apt-get install nats-server")
        else { return }
        let cluster = try await TestCluster.start()
        let natsPort = LocalPort.free()
        let nats = try APIServerProcessTests.Child(
            natsServer, ["-a", "127.0.0.1", "-p", "\(natsPort)", "-js", "-sd", cluster.directory.appending(path: "nats").path],
            log: cluster.directory.appending(path: "nats.log"))
        let url = "nats://127.0.0.1:\(natsPort)"
        let apiPort = LocalPort.free()
        let api = try APIServerProcessTests.Child(
            binary,
            ["apiserver", "--kubeconfig", cluster.kubeconfig.path, "--port", "\(apiPort)", "--event-bus-url", url, "--log-level", "warning"],
            environment: ["SYMPOZIUM_API_TOKEN": "nats-test-token"], log: cluster.directory.appending(path: "apiserver.log"))
        var publisher: NATSEventBus?
        do {
            try await waitUntil("the API server to answer", timeout: .seconds(60)) {
                (try? await HTTPAnswer.fetch(.GET, "http://127.0.0.1:\(apiPort)/readyz"))?.status == 200 || !api.process.isRunning
            }
            #expect(api.process.isRunning, "\(api.output)")
            let bus = try await Self.connect(url)
            publisher = bus

            let stream = StreamClient.connect("ws://127.0.0.1:\(apiPort)/ws/stream?run=r-7", token: "nats-test-token")
            _ = try await stream.next(type: "subscribed", timeout: .seconds(20))
            #expect(try await bus.jetStream.streamInfo("sympozium").state.consumerCount == 1)
            for run in ["r-6", "r-7"] {
                try await bus.publish(
                    try BusEvent(
                        topic: EventTopic.agentStatusUpdate, metadata: ["agentRunID": run, "instanceName": "alice"],
                        payload: ["phase": "thinking"] as JSONValue))
            }
            let event = try await stream.next(type: "event", timeout: .seconds(20))
            #expect(event["topic"]?.stringValue == "agent.status.update")
            #expect(event["metadata"]?["agentRunID"]?.stringValue == "r-7")
            #expect(event["payload"]?["phase"]?.stringValue == "thinking")

            try await stream.close()
            try await waitUntil("the socket's consumer to be deleted") {
                (try? await bus.jetStream.streamInfo("sympozium").state.consumerCount) == 0
            }
            let status = await api.stop()
            #expect(status == 0, "\(api.output)")
        } catch {
            _ = await api.stop()
            await publisher?.close()
            _ = await nats.stop()
            await cluster.stopAndRemove()
            throw error
        }
        await publisher?.close()
        _ = await nats.stop()
        await cluster.stopAndRemove()
    }

    /// A JetStream bus client, once the server accepts connections.
    static func connect(_ url: String) async throws -> NATSEventBus {
        var lastError: (any Error)?
        for _ in 0..<100 {
            let client = NATSClient(options: try NATSClientOptions(urls: url))
            do {
                try await client.connect()
                let bus = NATSEventBus(client: client)
                try await bus.ensureStream()
                return bus
            } catch {
                lastError = error
                await client.close()
                try await Task.sleep(for: .milliseconds(100))
            }
        }
        throw lastError ?? CancellationError()
    }
}
