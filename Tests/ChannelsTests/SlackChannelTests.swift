import AsyncHTTPClient
@testable import Channels
import ClusterTestSupport
import EventBus
import Foundation
import Logging
import Testing

/// The Slack channel (Socket Mode) against a local fake of Slack, on the in-process bus.
@Suite("Slack channel")
struct SlackChannelTests {
    func withChannel(
        botToken: String = FakeSlackServer.botToken, appToken: String = FakeSlackServer.appToken,
        _ body: (FakeSlackServer, InProcessEventBus, Task<Void, any Error>) async throws -> Void
    ) async throws {
        let server = try await FakeSlackServer.start()
        do {
            try await ChannelHarness.run({ http, logger in
                SlackAdapter(botToken: botToken, appToken: appToken, apiURL: server.apiURL, http: http, logger: logger)
            }) { bus, running in
                try await body(server, bus, running)
            }
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }

    @Test("a direct message becomes channel.message.received and is acknowledged; the reply goes out with chat.postMessage")
    func directMessageRoundTrip() async throws {
        try await withChannel { server, bus, _ in
            let received = try await bus.subscribe(EventTopic.channelMessageReceived, options: .init(start: .allEvents))
            try await ChannelHarness.waitUntilHealthy(bus)
            let envelope = server.deliver(text: "summarise #incidents")

            let delivery = try #require(try await received.next())
            let inbound = try delivery.event.decodeData(as: InboundChannelMessage.self)
            #expect(inbound.channel == "slack" && inbound.instanceName == "alice")
            #expect(inbound.chatId == "D024BE91L" && inbound.senderId == "U2147483697" && inbound.threadId == nil)
            #expect(inbound.text == "summarise #incidents" && inbound.metadata?["ts"] != nil)
            try await eventually("the envelope to be acknowledged") { server.acknowledged == [envelope] }

            try await bus.publish(try BusEvent(
                topic: EventTopic.channelMessageSend, metadata: ["instanceName": "alice", "namespace": "team-a"],
                payload: OutboundChannelMessage(channel: "slack", chatId: "D024BE91L", text: "Two incidents, both resolved.")))
            try await eventually("the reply to be posted") { !server.posted.isEmpty }
            #expect(server.posted == [.init(channel: "D024BE91L", text: "Two incidents, both resolved.")])
        }
    }

    @Test("a mention in a channel is answered in its thread, without the mention; bots, edits and plain channel chatter are skipped")
    func mentionsAndSkips() async throws {
        try await withChannel { server, bus, _ in
            let received = try await bus.subscribe(EventTopic.channelMessageReceived, options: .init(start: .allEvents))
            try await ChannelHarness.waitUntilHealthy(bus)
            let skipped = [
                server.deliver(text: "from a bot", botID: "B999"),
                server.deliver(text: "edited", subtype: "message_changed"),
                server.deliver(text: "chatter in a channel", channel: "C0GENERAL", channelType: "channel"),
                server.deliver(text: "my own words", user: FakeSlackServer.botUserID),
            ]
            let mention = server.deliver(
                type: "app_mention", text: "<@\(FakeSlackServer.botUserID)> what broke last night?", channel: "C0GENERAL", channelType: "channel")
            let delivery = try #require(try await received.next())
            let inbound = try delivery.event.decodeData(as: InboundChannelMessage.self)
            #expect(inbound.text == "what broke last night?" && inbound.chatId == "C0GENERAL")
            #expect(inbound.threadId == inbound.metadata?["ts"], "a mention is answered in its own thread")
            try await eventually("every envelope to be acknowledged") { Set(server.acknowledged) == Set(skipped + [mention]) }
        }
    }

    @Test("Slack's refresh_requested reconnects with a fresh URL; a message on the new socket still arrives")
    func refreshReconnects() async throws {
        try await withChannel { server, bus, _ in
            let received = try await bus.subscribe(EventTopic.channelMessageReceived, options: .init(start: .allEvents))
            try await ChannelHarness.waitUntilHealthy(bus)
            try await eventually("the first socket") { server.connectionsOpened == 1 }
            server.requestRefresh()
            try await eventually("a second socket") { server.connectionsOpened == 2 }
            server.deliver(text: "after the refresh")
            let delivery = try #require(try await received.next())
            #expect(try delivery.event.decodeData(as: InboundChannelMessage.self).text == "after the refresh")
        }
    }

    @Test("a rejected bot token ends the channel with an error naming SLACK_BOT_TOKEN; an unknown channel is not retried")
    func rejectedTokenAndChannel() async throws {
        try await withChannel(botToken: "xoxb-wrong") { server, _, running in
            do {
                try await running.value
                Issue.record("the channel ran with a rejected token")
            } catch let error as ChannelError {
                #expect(error.code == "SlackUnauthorized" && error.permanent && error.message.contains("SLACK_BOT_TOKEN"))
                #expect(!error.message.contains("wrong"), "the token is never in an error")
            }
            #expect(server.calls == ["auth.test"])
        }
        try await withChannel { server, bus, _ in
            try await ChannelHarness.waitUntilHealthy(bus)
            try await bus.publish(try BusEvent(
                topic: EventTopic.channelMessageSend, metadata: ["instanceName": "alice"],
                payload: OutboundChannelMessage(channel: "slack", chatId: "nowhere", text: "lost")))
            try await eventually("the send to be tried") { server.calls.contains("chat.postMessage") }
            try await Task.sleep(for: .milliseconds(400))
            #expect(server.calls.filter { $0 == "chat.postMessage" }.count == 1, "channel_not_found is not retried")
        }
    }

    @Test("configuration errors name the token that is missing")
    func configurationErrors() {
        let logger = Logger(label: "test")
        do {
            _ = try SlackAdapter.fromEnvironment(["SLACK_BOT_TOKEN": "xoxb-1"], http: .shared, logger: logger)
            Issue.record("an app token is required")
        } catch let error as ChannelError {
            #expect(error.message.contains("SLACK_APP_TOKEN") && error.message.contains("connections:write"))
        } catch {
            Issue.record("unexpected \(error)")
        }
        #expect(throws: ChannelError.self) { try SlackAdapter.fromEnvironment(["SLACK_APP_TOKEN": "xapp-1"], http: .shared, logger: logger) }
    }
}
