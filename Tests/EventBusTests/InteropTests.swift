import EventBus
import Foundation
import NIOCore
import Testing

/// Our client against nats-py, the reference Python client, both directions.
@Suite(.enabled(if: PythonNATS.enabled, "nats-server or nats-py is not installed"))
struct InteropTests {
    @Test func natsPyPublishesAndWeConsume() async throws {
        try await withNATSServer { server in
            let client = try await NATSClientTests.connect(server)
            let js = JetStream(client: client)
            _ = try await js.createStream(StreamConfig(name: "INTEROP", subjects: ["interop.js.>"]))
            _ = try await js.createConsumer(stream: "INTEROP", config: ConsumerConfig(durableName: "swift"))
            let core = try client.subscribe("interop.core")
            try await client.flush()
            let script = """
            import asyncio, sys
            import nats
            async def main():
                nc = await nats.connect(sys.argv[1])
                for i in range(100):
                    await nc.publish("interop.core", f"core-{i}".encode(), headers={"X-Seq": str(i)})
                js = nc.jetstream()
                for i in range(50):
                    await js.publish("interop.js.item", f"js-{i}".encode(), headers={"Nats-Msg-Id": f"id-{i}"})
                ack = await js.publish("interop.js.item", b"js-0", headers={"Nats-Msg-Id": "id-0"})
                assert ack.duplicate, "expected a duplicate"
                await nc.flush()
                await nc.close()
            asyncio.run(main())
            """
            let output = try await PythonNATS.run(script, arguments: [server.url])
            #expect(output.status == 0, "nats-py failed: \(output.stderr)")
            for index in 0..<100 {
                let message = try #require(try await core.next())
                #expect(message.payloadString == "core-\(index)")
                #expect(message.headers?["X-Seq"] == String(index))
            }
            let consumer = js.pullConsumer(stream: "INTEROP", name: "swift")
            var received: [String] = []
            while received.count < 50 {
                let batch = try await consumer.fetch(batch: 50, expires: .seconds(2))
                #expect(!batch.isEmpty)
                if batch.isEmpty { break }
                for message in batch {
                    received.append(message.message.payloadString)
                    try await message.ack()
                }
            }
            #expect(received == (0..<50).map { "js-\($0)" })
            await client.close()
        }
    }

    @Test func wePublishAndNatsPyConsumes() async throws {
        try await withNATSServer { server in
            let client = try await NATSClientTests.connect(server)
            let js = JetStream(client: client)
            _ = try await js.createStream(StreamConfig(name: "INTEROP", subjects: ["interop.js.>"]))
            for index in 0..<50 {
                var headers = NATSHeaders()
                headers["X-Seq"] = String(index)
                _ = try await js.publish("interop.js.item", payload: ByteBuffer(string: "js-\(index)"), headers: headers,
                                         messageID: "id-\(index)")
            }
            let duplicate = try await js.publish("interop.js.item", payload: ByteBuffer(string: "js-0"), messageID: "id-0")
            #expect(duplicate.isDuplicate)
            let script = """
            import asyncio, json, sys
            import nats
            async def main():
                nc = await nats.connect(sys.argv[1])
                js = nc.jetstream()
                sub = await js.pull_subscribe("interop.js.>", durable="py")
                payloads, seqs = [], []
                while len(payloads) < 50:
                    for msg in await sub.fetch(50, timeout=5):
                        payloads.append(msg.data.decode())
                        seqs.append(msg.headers.get("X-Seq"))
                        await msg.ack()
                served = 0
                done = asyncio.Event()
                async def echo(msg):
                    nonlocal served
                    await msg.respond(msg.data.upper())
                    served += 1
                    if served == 10:
                        done.set()
                await nc.subscribe("interop.echo", cb=echo)
                await nc.flush()
                await asyncio.wait_for(done.wait(), 30)
                await nc.flush()
                print(json.dumps({"payloads": payloads, "seqs": seqs}))
                await nc.close()
            asyncio.run(main())
            """
            async let python = PythonNATS.run(script, arguments: [server.url])
            var answers: [String] = []
            let deadline = ContinuousClock.now + .seconds(40)
            while answers.count < 10, ContinuousClock.now < deadline {
                do {
                    let reply = try await client.request("interop.echo", string: "ping-\(answers.count)", timeout: .seconds(2))
                    answers.append(reply.payloadString)
                } catch {
                    try await Task.sleep(for: .milliseconds(100))
                }
            }
            let output = try await python
            #expect(output.status == 0, "nats-py failed: \(output.stderr)")
            #expect(answers == (0..<10).map { "PING-\($0)" })
            struct Result: Decodable { var payloads: [String]; var seqs: [String?] }
            let line = try #require(output.stdout.split(separator: "\n").last)
            let result = try JSONDecoder().decode(Result.self, from: Data(line.utf8))
            #expect(result.payloads == (0..<50).map { "js-\($0)" })
            #expect(result.seqs == (0..<50).map { String($0) })
            await client.close()
        }
    }
}
