@testable import EventBus
import Foundation
import NIOCore
import Testing

@Suite(.enabled(if: NATSServerProcess.enabled, "nats-server is not installed"))
struct NATSClientTests {
    static func connect(_ server: NATSServerProcess, configure: (inout NATSClientOptions) -> Void = { _ in }) async throws -> NATSClient {
        var options = try NATSClientOptions(urls: server.url)
        options.reconnectWait = .milliseconds(50)
        options.maxReconnectWait = .milliseconds(500)
        options.requestTimeout = .seconds(5)
        configure(&options)
        let client = NATSClient(options: options)
        try await client.connect()
        return client
    }

    @Test func publishSubscribeWithWildcards() async throws {
        try await withNATSServer { server in
            let client = try await Self.connect(server)
            let all = try client.subscribe("orders.>")
            let created = try client.subscribe("orders.*.created")
            try await client.flush()
            try await client.publish("orders.eu.created", string: "one")
            try await client.publish("orders.us.deleted", string: "two")
            try await client.publish("other.subject", string: "ignored")
            let first = try #require(try await all.next())
            let second = try #require(try await all.next())
            #expect(first.subject == "orders.eu.created" && first.payloadString == "one")
            #expect(second.subject == "orders.us.deleted" && second.payloadString == "two")
            let only = try #require(try await created.next())
            #expect(only.payloadString == "one")
            try await client.flush()
            #expect(created.pendingCount == 0)
            await client.close()
        }
    }

    @Test func largePayloadsAndManyMessagesArriveIntact() async throws {
        try await withNATSServer { server in
            let client = try await Self.connect(server)
            let subscription = try client.subscribe("bulk")
            try await client.flush()
            let big = [UInt8]((0..<(900 * 1024)).map { UInt8($0 % 251) })
            try await client.publish("bulk", payload: big)
            for index in 0..<5000 { try await client.publish("bulk", string: "m\(index)") }
            let received = try #require(try await subscription.next())
            #expect(received.payloadBytes == big)
            for index in 0..<5000 {
                let message = try #require(try await subscription.next())
                #expect(message.payloadString == "m\(index)")
            }
            await client.close()
        }
    }

    @Test func headersRoundTrip() async throws {
        try await withNATSServer { server in
            let client = try await Self.connect(server)
            let subscription = try client.subscribe("with.headers")
            try await client.flush()
            var headers = NATSHeaders()
            headers["X-Trace"] = "abc 123"
            headers.append("X-Multi", "1")
            headers.append("X-Multi", "2")
            try await client.publish("with.headers", string: "body", headers: headers)
            let message = try #require(try await subscription.next())
            #expect(message.headers?["x-trace"] == "abc 123")
            #expect(message.headers?.values(for: "X-Multi") == ["1", "2"])
            #expect(message.payloadString == "body")
            await client.close()
        }
    }

    @Test func requestReplyOverSharedInbox() async throws {
        try await withNATSServer { server in
            let client = try await Self.connect(server)
            let service = try client.subscribe("math.double")
            try await client.flush()
            let responder = Task {
                for try await request in service {
                    guard let reply = request.replyTo, let value = Int(request.payloadString) else { continue }
                    try await client.publish(reply, string: String(value * 2))
                }
            }
            try await withThrowingTaskGroup(of: (Int, String).self) { group in
                for value in 0..<50 {
                    group.addTask { (value, try await client.request("math.double", string: String(value)).payloadString) }
                }
                for try await (value, answer) in group { #expect(answer == String(value * 2)) }
            }
            await #expect(throws: NATSError.self) {
                _ = try await client.request("nobody.listens", string: "hello", timeout: .seconds(2))
            }
            do {
                _ = try await client.request("nobody.listens", string: "hello", timeout: .seconds(2))
            } catch let error as NATSError {
                #expect(error.code == "noResponders")
            }
            responder.cancel()
            await client.close()
        }
    }

    @Test func queueGroupsSplitMessages() async throws {
        try await withNATSServer { server in
            let client = try await Self.connect(server)
            let first = try client.subscribe("jobs", queue: "workers")
            let second = try client.subscribe("jobs", queue: "workers")
            try await client.flush()
            for index in 0..<100 { try await client.publish("jobs", string: "\(index)") }
            try await client.flush()
            try await eventually { first.pendingCount + second.pendingCount == 100 }
            await client.close()
        }
    }

    @Test func drainDeliversBufferedMessagesThenEnds() async throws {
        try await withNATSServer { server in
            let client = try await Self.connect(server)
            let subscription = try client.subscribe("drain.me")
            try await client.flush()
            for index in 0..<10 { try await client.publish("drain.me", string: "\(index)") }
            try await client.flush()
            try await client.drain()
            var count = 0
            for try await _ in subscription { count += 1 }
            #expect(count == 10)
            await #expect(throws: NATSError.self) { try await client.publish("drain.me", string: "late") }
        }
    }

    @Test func slowConsumerDropsBeyondItsLimit() async throws {
        try await withNATSServer { server in
            let drops = DropCounter()
            let client = try await Self.connect(server) { options in
                options.eventHandler = { event in
                    if case .slowConsumer(_, let dropped) = event { drops.record(dropped) }
                }
            }
            let subscription = try client.subscribe("flood", pendingLimit: 10)
            try await client.flush()
            for index in 0..<50 { try await client.publish("flood", string: "\(index)") }
            try await client.flush()
            try await eventually { drops.value > 0 }
            #expect(subscription.pendingCount == 10)
            #expect(try await subscription.next()?.payloadString == "0")
            await client.close()
        }
    }

    @Test func tokenAndUserPasswordAuthentication() async throws {
        try await withNATSServer(extraArguments: ["--auth", "s3cret"]) { server in
            var options = try NATSClientOptions(urls: server.url)
            options.maxReconnectAttempts = 0
            let anonymous = NATSClient(options: options)
            await #expect(throws: NATSError.self) { try await anonymous.connect() }
            options.auth = .token("s3cret")
            let client = NATSClient(options: options)
            try await client.connect()
            try await client.flush()
            await client.close()
        }
        try await withNATSServer(extraArguments: ["--user", "alice", "--pass", "wonder"]) { server in
            var options = try NATSClientOptions(urls: server.url)
            options.auth = .userPassword(user: "alice", password: "wonder")
            let client = NATSClient(options: options)
            try await client.connect()
            try await client.flush()
            await client.close()
        }
    }

    @Test func reconnectsResubscribesAndReplaysBufferedPublishes() async throws {
        try await withNATSServer { server in
            let events = EventLog()
            let client = try await Self.connect(server) { options in
                options.eventHandler = { events.append("\($0)") }
            }
            let subscription = try client.subscribe("after.restart")
            try await client.flush()
            await server.kill()
            try await eventually { !client.isConnected }
            // Buffered while disconnected, sent after the reconnection.
            try await client.publish("after.restart", string: "buffered")
            try await server.launch()
            try await eventually { client.isConnected }
            let message = try #require(try await subscription.next())
            #expect(message.payloadString == "buffered")
            #expect(events.contains("reconnected"))
            await client.close()
        }
    }

    @Test func bufferWhileDisconnectedIsBounded() async throws {
        try await withNATSServer { server in
            let client = try await Self.connect(server) { $0.reconnectBufferSize = 4096 }
            await server.kill()
            try await eventually { !client.isConnected }
            var failure: NATSError?
            for _ in 0..<100 {
                do { try await client.publish("x", payload: [UInt8](repeating: 1, count: 128)) } catch let error as NATSError {
                    failure = error
                    break
                }
            }
            #expect(failure?.code == "reconnectBufferExceeded")
            await client.close()
        }
    }
}

final class DropCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func record(_ value: Int) { lock.withLock { count = max(count, value) } }
    var value: Int { lock.withLock { count } }
}

final class EventLog: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [String] = []
    func append(_ entry: String) { lock.withLock { entries.append(entry) } }
    func contains(_ text: String) -> Bool { lock.withLock { entries.contains { $0.contains(text) } } }
}

@Suite(.enabled(if: NATSServerProcess.enabled, "nats-server is not installed"))
struct NKeyAuthenticationTests {
    @Test func signsTheServerNonceWithAnNKeySeed() async throws {
        let raw = (0..<32).map { _ in UInt8.random(in: 0...255) }
        let seed = NKey.encodeUserSeed(raw)
        #expect(seed.hasPrefix("SU"))
        let key = try NKey(seed: seed)
        #expect(key.publicKey.hasPrefix("U") && key.publicKey.count == 56)
        let directory = FileManager.default.temporaryDirectory.appending(path: "nkey-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = directory.appending(path: "server.conf")
        try Data("authorization { users = [ { nkey: \(key.publicKey) } ] }\n".utf8).write(to: config)
        try await withNATSServer(extraArguments: ["-c", config.path]) { server in
            var options = try NATSClientOptions(urls: server.url)
            options.auth = .nkeySeed(seed)
            let client = NATSClient(options: options)
            try await client.connect()
            try await client.flush()
            await client.close()
            options.auth = .nkeySeed(NKey.encodeUserSeed((0..<32).map { _ in 7 }))
            await #expect(throws: NATSError.self) { try await NATSClient(options: options).connect() }
        }
        #expect(throws: NATSError.self) { _ = try NKey(seed: "SUNOTAVALIDSEED") }
    }
}
