import AsyncHTTPClient
@testable import Channels
import ClusterTestSupport
import EventBus
import Foundation
import Logging
import Testing

/// The Telegram channel against a local fake of the Bot API, on the in-process bus.
@Suite("Telegram channel")
struct TelegramChannelTests {
    /// Runs a Telegram channel on a fake Bot API until `body` returns.
    func withChannel(
        token: String = FakeTelegramServer.token, pollTimeout: Int = 1,
        _ body: (FakeTelegramServer, InProcessEventBus, Task<Void, any Error>) async throws -> Void
    ) async throws {
        let server = try await FakeTelegramServer.start()
        do {
            try await ChannelHarness.run({ http, _ in
                TelegramAdapter(token: token, apiURL: server.apiURL + "/", http: http, pollTimeout: pollTimeout)
            }) { bus, running in
                try await body(server, bus, running)
            }
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }

    @Test("a person's message becomes channel.message.received; the instance's reply goes out with sendMessage")
    func roundTrip() async throws {
        try await withChannel { server, bus, _ in
            let received = try await bus.subscribe(EventTopic.channelMessageReceived, options: .init(start: .allEvents))
            let health = try await bus.subscribe(EventTopic.channelHealthUpdate, options: .init(start: .allEvents))
            let updateID = server.userSends("what is on my calendar?", threadID: 9)

            let delivery = try #require(try await received.next())
            let inbound = try delivery.event.decodeData(as: InboundChannelMessage.self)
            #expect(inbound.channel == "telegram" && inbound.instanceName == "alice")
            #expect(inbound.chatId == "777" && inbound.senderId == "555" && inbound.senderName == "ada" && inbound.threadId == "9")
            #expect(inbound.text == "what is on my calendar?")
            #expect(delivery.event.metadata == ["channel": "telegram", "instanceName": "alice", "namespace": "team-a"])
            try await delivery.ack()
            let healthy = try #require(try await health.next()).event.decodeData(as: ChannelHealth.self)
            #expect(healthy.status == .healthy && healthy.identity == "@sympozium_test_bot")

            // The update is confirmed by the next poll's offset.
            try await eventually("the update to be confirmed") { server.offsets.contains(updateID + 1) && server.pendingUpdates == 0 }

            // Replies for another instance, another namespace or another channel are not ours.
            for (instance, namespace, channel) in [("bob", "team-a", "telegram"), ("alice", "team-b", "telegram"), ("alice", "team-a", "slack")] {
                try await bus.publish(try BusEvent(
                    topic: EventTopic.channelMessageSend, metadata: ["instanceName": instance, "namespace": namespace],
                    payload: OutboundChannelMessage(channel: channel, chatId: "777", text: "not for this pod")))
            }
            try await bus.publish(try BusEvent(
                topic: EventTopic.channelMessageSend, metadata: ["instanceName": "alice", "namespace": "team-a"],
                payload: OutboundChannelMessage(channel: "telegram", chatId: "777", threadId: "9", text: "Two meetings.", replyTo: "1")))
            try await eventually("the reply to be sent") { !server.sent.isEmpty }
            try await Task.sleep(for: .milliseconds(200))
            #expect(server.sent == [.init(chatID: 777, text: "Two meetings.", threadID: 9, replyTo: 1)])
        }
    }

    @Test("messages from bots and messages without text are skipped, and still confirmed")
    func botsAndStickersSkipped() async throws {
        try await withChannel { server, bus, _ in
            let received = try await bus.subscribe(EventTopic.channelMessageReceived, options: .init(start: .allEvents))
            server.userSends("I am a bot", from: 99, isBot: true)
            let last = server.userSends("a person")
            let delivery = try #require(try await received.next())
            #expect(try delivery.event.decodeData(as: InboundChannelMessage.self).text == "a person")
            try await eventually("both updates to be confirmed") { server.offsets.contains(last + 1) }
        }
    }

    @Test("a rejected token ends the channel with a clear error and an unhealthy report")
    func rejectedToken() async throws {
        try await withChannel(token: "123:wrong") { server, bus, running in
            let health = try await bus.subscribe(EventTopic.channelHealthUpdate, options: .init(start: .allEvents))
            do {
                try await running.value
                Issue.record("the channel ran with a rejected token")
            } catch let error as ChannelError {
                #expect(error.code == "TelegramUnauthorized" && error.permanent)
                #expect(error.message.contains("TELEGRAM_BOT_TOKEN"))
                #expect(!error.message.contains("wrong"), "the token is never in an error")
            }
            let report = try #require(try await health.next()).event.decodeData(as: ChannelHealth.self)
            #expect(report.status == .unhealthy && report.message?.contains("rejected the bot token") == true)
            #expect(server.calls == ["getMe"])
        }
    }

    @Test("a rate-limited send is retried after retry_after; a rejected one is dropped, not retried")
    func sendRetries() async throws {
        try await withChannel { server, bus, _ in
            try await ChannelHarness.waitUntilHealthy(bus)
            server.failNext("sendMessage", status: 429, description: "Too Many Requests: retry after 1", retryAfter: 1)
            let started = ContinuousClock.now
            try await bus.publish(try BusEvent(
                topic: EventTopic.channelMessageSend, metadata: ["instanceName": "alice"],
                payload: OutboundChannelMessage(channel: "telegram", chatId: "777", text: "after a pause")))
            try await eventually("the rate-limited message to be sent") { server.sent.count == 1 }
            #expect(ContinuousClock.now - started >= .milliseconds(900))

            // chat_id "@nobody" is a username the fake does not know: 400, dropped.
            try await bus.publish(try BusEvent(
                topic: EventTopic.channelMessageSend, metadata: ["instanceName": "alice"],
                payload: OutboundChannelMessage(channel: "telegram", chatId: "@nobody", text: "lost")))
            try await eventually("the rejected send to be tried") { server.calls.filter { $0 == "sendMessage" }.count == 3 }
            try await Task.sleep(for: .milliseconds(500))
            #expect(server.calls.filter { $0 == "sendMessage" }.count == 3, "a 400 is not retried")
            #expect(server.sent.map(\.text) == ["after a pause"])
        }
    }

    @Test("a poll that fails is retried; the channel reports unhealthy, then healthy again")
    func pollRecovers() async throws {
        try await withChannel { server, bus, _ in
            let health = try await bus.subscribe(EventTopic.channelHealthUpdate, options: .init(start: .allEvents))
            #expect(try #require(try await health.next()).event.decodeData(as: ChannelHealth.self).status == .healthy)
            server.failNext("getUpdates", status: 502, description: "Bad Gateway")
            let unhealthy = try #require(try await health.next()).event.decodeData(as: ChannelHealth.self)
            #expect(unhealthy.status == .unhealthy && unhealthy.message?.contains("502") == true)
            server.userSends("still there?")
            #expect(try #require(try await health.next()).event.decodeData(as: ChannelHealth.self).status == .healthy)
        }
    }

    @Test("long answers are split at line breaks into parts Telegram accepts")
    func splitsLongText() {
        let line = String(repeating: "é", count: 99)
        let text = Array(repeating: line, count: 120).joined(separator: "\n")
        let parts = TelegramAdapter.split(text)
        #expect(parts.count == 3)
        #expect(parts.allSatisfy { $0.utf16.count <= TelegramAdapter.maxMessageLength })
        #expect(parts.joined(separator: "\n") == text)
        let unbroken = String(repeating: "x", count: 10_000)
        #expect(TelegramAdapter.split(unbroken).map(\.count) == [4096, 4096, 1808])
        #expect(TelegramAdapter.split("") == [" "])
    }

    @Test("configuration errors name the variable to set")
    func configurationErrors() throws {
        let http = HTTPClient.shared
        #expect(throws: ChannelError.self) { try TelegramAdapter.fromEnvironment([:], http: http) }
        do {
            _ = try TelegramAdapter.fromEnvironment(["TELEGRAM_BOT_TOKEN": "12 34"], http: http)
        } catch let error as ChannelError {
            #expect(error.message.contains("malformed") && error.permanent)
        }
        do {
            _ = try ChannelConfiguration.fromEnvironment(["EVENT_BUS_URL": "nats://127.0.0.1:4222"])
        } catch let error as ChannelError {
            #expect(error.message.contains("INSTANCE_NAME"))
        }
        let configuration = try ChannelConfiguration.fromEnvironment([
            "INSTANCE_NAME": "alice", "INSTANCE_NAMESPACE": "", "EVENT_BUS_URL": "nats://127.0.0.1:4222",
        ])
        #expect(configuration.instanceNamespace == nil)
    }
}
