import EventBus
import Foundation
import NIOCore
import Testing

/// Kill -9 nats-server while a producer and a durable consumer run, restart it
/// on the same port and store: every acknowledged message arrives at least
/// once, de-duplication by ID makes processing exactly once, and the client
/// reconnects by itself.
@Suite(.enabled(if: NATSServerProcess.enabled, "nats-server is not installed"))
struct FaultTests {
    final class Ledger: @unchecked Sendable {
        private let lock = NSLock()
        private var acked = Set<Int>()
        private var processed = Set<Int>()
        private var deliveries = 0
        func ack(_ index: Int) { lock.withLock { _ = acked.insert(index) } }
        /// Returns true the first time `index` is seen (the application's de-duplication).
        func process(_ index: Int) -> Bool { lock.withLock { deliveries += 1; return processed.insert(index).inserted } }
        var ackedCount: Int { lock.withLock { acked.count } }
        var snapshot: (acked: Set<Int>, processed: Set<Int>, deliveries: Int) { lock.withLock { (acked, processed, deliveries) } }
    }

    @Test func survivesServerKillWithoutLosingAcknowledgedMessages() async throws {
        try await withNATSServer { server in
            let total = 300
            let client = try await NATSClientTests.connect(server) { options in
                options.requestTimeout = .seconds(2)
            }
            let producerClient = try await NATSClientTests.connect(server) { options in
                options.requestTimeout = .seconds(2)
            }
            let js = JetStream(client: client, timeout: .seconds(2))
            let producerJS = JetStream(client: producerClient, timeout: .seconds(2))
            _ = try await js.createStream(StreamConfig(name: "FAULT", subjects: ["fault.>"], storage: .file))
            _ = try await js.createConsumer(stream: "FAULT", config: ConsumerConfig(durableName: "worker", ackWait: .seconds(2)))
            let ledger = Ledger()

            let producer = Task {
                for index in 0..<total {
                    while !Task.isCancelled {
                        do {
                            _ = try await producerJS.publish("fault.\(index)", payload: ByteBuffer(string: String(index)),
                                                             messageID: "msg-\(index)")
                            ledger.ack(index)
                            break
                        } catch {
                            try? await Task.sleep(for: .milliseconds(50))
                        }
                    }
                    try? await Task.sleep(for: .milliseconds(3))
                }
            }
            let consumer = Task {
                let pull = js.pullConsumer(stream: "FAULT", name: "worker")
                while !Task.isCancelled {
                    do {
                        for message in try await pull.fetch(batch: 50, expires: .milliseconds(500)) {
                            if let index = Int(message.message.payloadString) { _ = ledger.process(index) }
                            try await message.ack()
                        }
                    } catch {
                        try? await Task.sleep(for: .milliseconds(100))
                    }
                }
            }
            try await eventually(timeout: .seconds(60)) { ledger.ackedCount >= total / 3 }
            await server.kill()
            try await Task.sleep(for: .milliseconds(500))
            try await server.launch()
            try await eventually(timeout: .seconds(60)) { ledger.ackedCount == total }
            try await eventually(timeout: .seconds(60)) {
                let state = ledger.snapshot
                return state.acked.isSubset(of: state.processed)
            }
            producer.cancel()
            consumer.cancel()
            _ = await producer.result
            _ = await consumer.result
            let state = ledger.snapshot
            #expect(state.processed == Set(0..<total))
            #expect(state.deliveries >= total)
            #expect(client.isConnected && producerClient.isConnected)
            await client.close()
            await producerClient.close()
        }
    }
}
