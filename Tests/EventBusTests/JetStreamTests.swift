import EventBus
import Foundation
import NIOCore
import Testing

@Suite(.enabled(if: NATSServerProcess.enabled, "nats-server is not installed"))
struct JetStreamTests {
    @Test func streamLifecycle() async throws {
        try await withNATSServer { server in
            let client = try await NATSClientTests.connect(server)
            let js = JetStream(client: client)
            var config = StreamConfig(name: "ORDERS", subjects: ["orders.>"], storage: .file, maxAge: .seconds(3600))
            let created = try await js.createStream(config)
            #expect(created.config.name == "ORDERS")
            #expect(created.config.maxAge == JSDuration.seconds(3600))
            config.subjects = ["orders.>", "invoices.>"]
            let updated = try await js.updateStream(config)
            #expect(updated.config.subjects == ["orders.>", "invoices.>"])
            _ = try await js.publish("invoices.1", payload: ByteBuffer(string: "x"))
            let info = try await js.streamInfo("ORDERS")
            #expect(info.state.messages == 1)
            try await js.deleteStream("ORDERS")
            await #expect(throws: JetStreamAPIError.self) { _ = try await js.streamInfo("ORDERS") }
            let recreated = try await js.createOrUpdateStream(config)
            #expect(recreated.state.messages == 0)
            await client.close()
        }
    }

    @Test func publishAcknowledgesAndDeduplicates() async throws {
        try await withNATSServer { server in
            let client = try await NATSClientTests.connect(server)
            let js = JetStream(client: client)
            _ = try await js.createStream(StreamConfig(name: "DEDUP", subjects: ["dedup.>"]))
            let first = try await js.publish("dedup.a", payload: ByteBuffer(string: "1"), messageID: "id-1")
            let again = try await js.publish("dedup.a", payload: ByteBuffer(string: "1"), messageID: "id-1")
            let other = try await js.publish("dedup.a", payload: ByteBuffer(string: "2"), messageID: "id-2")
            #expect(first.stream == "DEDUP" && first.seq == 1 && !first.isDuplicate)
            #expect(again.isDuplicate && again.seq == 1)
            #expect(other.seq == 2)
            #expect(try await js.streamInfo("DEDUP").state.messages == 2)
            await #expect(throws: NATSError.self) {
                _ = try await js.publish("no.stream.here", payload: ByteBuffer(string: "x"))
            }
            await client.close()
        }
    }

    @Test func pullConsumerAckNakTermAndRedelivery() async throws {
        try await withNATSServer { server in
            let client = try await NATSClientTests.connect(server)
            let js = JetStream(client: client)
            _ = try await js.createStream(StreamConfig(name: "WORK", subjects: ["work.>"]))
            let info = try await js.createConsumer(
                stream: "WORK", config: ConsumerConfig(durableName: "workers", ackWait: .seconds(3)))
            #expect(info.name == "workers")
            for index in 1...4 {
                var headers = NATSHeaders()
                headers["X-Index"] = String(index)
                _ = try await js.publish("work.item", payload: ByteBuffer(string: "job-\(index)"), headers: headers)
            }
            let consumer = js.pullConsumer(stream: "WORK", name: "workers")
            let batch = try await consumer.fetch(batch: 4, expires: .seconds(5))
            #expect(batch.map { $0.message.payloadString } == ["job-1", "job-2", "job-3", "job-4"])
            #expect(batch.first?.headers?["X-Index"] == "1")
            let metadata = try #require(batch.first?.metadata)
            #expect(metadata.stream == "WORK" && metadata.consumer == "workers" && metadata.deliveryCount == 1)
            #expect(metadata.streamSequence == 1)
            try await batch[0].ackSync()
            try await batch[1].nak()
            try await batch[2].term()
            try await batch[3].inProgress()
            // job-2 comes back right away; job-4 after its (restarted) ack wait. The
            // ack wait leaves room for a loaded machine: a slow term or ack must
            // not count as a missed one. One long pull covers both: a pull that
            // expires just as the server redelivers makes nats-server 2.9 count that
            // lost delivery back down (nats-server#5305), so the count would read 1.
            var redelivered: [String: Int] = [:]
            let deadline = ContinuousClock.now + .seconds(20)
            while redelivered.count < 2, ContinuousClock.now < deadline {
                // Acked as each arrives: job-2 must not outlive its ack wait while job-4 is awaited.
                for try await message in try await consumer.messages(batch: 2 - redelivered.count, expires: .seconds(10)) {
                    redelivered[message.message.payloadString] = message.metadata?.deliveryCount
                    try await message.ackSync()
                }
            }
            #expect(redelivered == ["job-2": 2, "job-4": 2])
            let after = try await consumer.info()
            #expect(after.numAckPending == 0)
            #expect(after.delivered.streamSeq == 4)
            await client.close()
        }
    }

    @Test func nakWithDelayAndEmptyFetch() async throws {
        try await withNATSServer { server in
            let client = try await NATSClientTests.connect(server)
            let js = JetStream(client: client)
            _ = try await js.createStream(StreamConfig(name: "DELAY", subjects: ["delay.>"]))
            _ = try await js.createConsumer(stream: "DELAY", config: ConsumerConfig(durableName: "d", ackWait: .seconds(30)))
            let consumer = js.pullConsumer(stream: "DELAY", name: "d")
            #expect(try await consumer.fetch(batch: 1, expires: .milliseconds(300)).isEmpty)
            _ = try await js.publish("delay.x", payload: ByteBuffer(string: "later"))
            let first = try #require(try await consumer.fetch(batch: 1).first)
            try await first.nak(delay: .seconds(1))
            // The pull outlasts the delay (see pullConsumerAckNakTermAndRedelivery
            // for why it must not expire near the redelivery).
            let started = ContinuousClock.now
            var again: JetStreamMessage?
            while again == nil, ContinuousClock.now - started < .seconds(20) {
                again = try await consumer.fetch(batch: 1, expires: .seconds(10)).first
            }
            #expect(ContinuousClock.now - started >= .milliseconds(900))
            let redelivered = try #require(again)
            #expect(redelivered.metadata?.deliveryCount == 2)
            try await redelivered.ack()
            await client.close()
        }
    }
}
