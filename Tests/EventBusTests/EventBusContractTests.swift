import EventBus
import Foundation
import KubeModel
import Testing

/// One contract, two implementations: the in-process bus and NATS JetStream.
@Suite struct EventBusContractTests {
    enum Kind: String, CaseIterable, Sendable, CustomTestStringConvertible {
        case inProcess, nats
        var testDescription: String { rawValue }
    }

    static var kinds: [Kind] { NATSServerProcess.enabled ? Kind.allCases : [.inProcess] }

    func withBus(_ kind: Kind, _ body: (any EventBus) async throws -> Void) async throws {
        switch kind {
        case .inProcess:
            let bus = InProcessEventBus()
            try await body(bus)
            await bus.close()
        case .nats:
            try await withNATSServer { server in
                let client = try await NATSClientTests.connect(server)
                let bus = NATSEventBus(client: client)
                try await bus.ensureStream()
                do {
                    try await body(bus)
                } catch {
                    await bus.close()
                    throw error
                }
                await bus.close()
            }
        }
    }

    static func event(_ topic: String, _ text: String) -> BusEvent {
        BusEvent(topic: topic, metadata: ["instance": "demo", "source": "test"], data: ["text": .string(text), "n": 1])
    }

    @Test(arguments: kinds) func envelopeRoundTrips(kind: Kind) async throws {
        try await withBus(kind) { bus in
            let subscription = try await bus.subscribe(EventTopic.agentRunCompleted, options: .init(durableName: "envelope"))
            let sent = Self.event(EventTopic.agentRunCompleted, "done")
            try await bus.publish(sent)
            let delivery = try await subscription.nextDelivery()
            #expect(delivery.event == sent)
            #expect(delivery.deliveryCount == 1)
            try await delivery.ack()
        }
    }

    @Test(arguments: kinds) func wildcardsSelectTopics(kind: Kind) async throws {
        try await withBus(kind) { bus in
            let runs = try await bus.subscribe("agent.run.*", options: .init(durableName: "runs"))
            let channels = try await bus.subscribe("channel.>", options: .init(durableName: "channels"))
            try await bus.publish(Self.event(EventTopic.agentStreamChunk, "not a run"))
            try await bus.publish(Self.event(EventTopic.agentRunStarted, "run"))
            try await bus.publish(Self.event(EventTopic.channelMessageReceived, "hello"))
            try await bus.publish(Self.event(EventTopic.toolExecRequest, "not a channel"))
            try await bus.publish(Self.event(EventTopic.channelHealthUpdate, "healthy"))
            let run = try await runs.nextDelivery()
            #expect(run.event.topic == EventTopic.agentRunStarted)
            try await run.ack()
            let first = try await channels.nextDelivery()
            let second = try await channels.nextDelivery()
            #expect([first.event.topic, second.event.topic] == [EventTopic.channelMessageReceived, EventTopic.channelHealthUpdate])
            try await first.ack()
            try await second.ack()
            try await bus.publish(Self.event(EventTopic.agentRunFailed, "marker"))
            #expect(try await runs.nextDelivery().event.topic == EventTopic.agentRunFailed)
        }
    }

    @Test(arguments: kinds) func nakRedeliversAndAckSettles(kind: Kind) async throws {
        try await withBus(kind) { bus in
            let subscription = try await bus.subscribe("tool.>", options: .init(durableName: "tools"))
            try await bus.publish(Self.event(EventTopic.toolExecRequest, "ls"))
            let first = try await subscription.nextDelivery()
            try await first.nak()
            let again = try await subscription.nextDelivery()
            #expect(again.event == first.event)
            #expect(again.deliveryCount == 2)
            try await again.ack()
            try await bus.publish(Self.event(EventTopic.toolExecResult, "marker"))
            let next = try await subscription.nextDelivery()
            #expect(next.event.topic == EventTopic.toolExecResult && next.deliveryCount == 1)
            try await next.ack()
        }
    }

    @Test(arguments: kinds) func nakWithDelayRedeliversLater(kind: Kind) async throws {
        try await withBus(kind) { bus in
            let subscription = try await bus.subscribe("schedule.upsert", options: .init(durableName: "delayed"))
            try await bus.publish(Self.event(EventTopic.scheduleUpsert, "later"))
            let first = try await subscription.nextDelivery()
            try await first.nak(delay: .milliseconds(500))
            let again = try await subscription.nextDelivery()
            #expect(again.deliveryCount == 2)
            try await again.ack()
        }
    }

    @Test(arguments: kinds) func unacknowledgedDeliveriesComeBackAfterAckWait(kind: Kind) async throws {
        try await withBus(kind) { bus in
            let subscription = try await bus.subscribe(
                EventTopic.agentSpawnRequest, options: .init(durableName: "spawner", ackWait: .seconds(1)))
            try await bus.publish(Self.event(EventTopic.agentSpawnRequest, "child"))
            let first = try await subscription.nextDelivery()
            #expect(first.deliveryCount == 1)
            let again = try await subscription.nextDelivery()
            #expect(again.event == first.event && again.deliveryCount == 2)
            try await again.ack()
        }
    }

    @Test(arguments: kinds) func termStopsRedelivery(kind: Kind) async throws {
        try await withBus(kind) { bus in
            // The wait outlasts the ack wait, so a term that did not stop redelivery would show; the ack wait
            // leaves a loaded machine time to deliver the term itself.
            let subscription = try await bus.subscribe("agent.>", options: .init(durableName: "terms", ackWait: .seconds(3)))
            try await bus.publish(Self.event(EventTopic.agentStatusUpdate, "poison"))
            try await subscription.nextDelivery().term()
            try await Task.sleep(for: .milliseconds(4000))
            try await bus.publish(Self.event(EventTopic.agentRunRequested, "marker"))
            let next = try await subscription.nextDelivery()
            #expect(next.event.topic == EventTopic.agentRunRequested)
            try await next.ack()
        }
    }

    @Test(arguments: kinds) func durableConsumersResumeWhereTheyLeftOff(kind: Kind) async throws {
        try await withBus(kind) { bus in
            let first = try await bus.subscribe("channel.message.send", options: .init(durableName: "sender"))
            try await bus.publish(Self.event(EventTopic.channelMessageSend, "one"))
            try await first.nextDelivery().ack()
            await first.cancel()
            try await bus.publish(Self.event(EventTopic.channelMessageSend, "two"))
            let second = try await bus.subscribe("channel.message.send", options: .init(durableName: "sender"))
            let delivery = try await second.nextDelivery()
            #expect(delivery.event.data["text"] == "two")
            try await delivery.ack()
        }
    }

    @Test(arguments: kinds) func duplicatesByIDAreDropped(kind: Kind) async throws {
        try await withBus(kind) { bus in
            let subscription = try await bus.subscribe(">", options: .init(durableName: "dedup"))
            try await bus.publish(Self.event(EventTopic.agentRunCompleted, "once"), deduplicationID: "run-1")
            try await bus.publish(Self.event(EventTopic.agentRunCompleted, "once"), deduplicationID: "run-1")
            try await bus.publish(Self.event(EventTopic.agentRunFailed, "marker"), deduplicationID: "run-2")
            let first = try await subscription.nextDelivery()
            let second = try await subscription.nextDelivery()
            #expect(first.event.topic == EventTopic.agentRunCompleted)
            #expect(second.event.topic == EventTopic.agentRunFailed)
            try await first.ack()
            try await second.ack()
        }
    }

    @Test(arguments: kinds) func everyTopicTravels(kind: Kind) async throws {
        try await withBus(kind) { bus in
            let subscription = try await bus.subscribe(">", options: .init(durableName: "all"))
            for topic in EventTopic.all { try await bus.publish(Self.event(topic, topic)) }
            var seen: [String] = []
            for _ in EventTopic.all {
                let delivery = try await subscription.nextDelivery()
                seen.append(delivery.event.topic)
                try await delivery.ack()
            }
            #expect(seen == EventTopic.all)
            await #expect(throws: EventBusError.self) { try await bus.publish(Self.event("bad topic", "x")) }
            await #expect(throws: EventBusError.self) { try await bus.publish(Self.event("agent.*", "x")) }
        }
    }
}

@Suite struct EventEnvelopeTests {
    @Test func decodesTheOriginalWireFormat() throws {
        let json = #"{"topic":"agent.run.completed","timestamp":"2024-05-01T10:20:30.123456789+02:00","metadata":null,"data":{"response":"hi"}}"#
        let event = try BusEvent.decode(from: Array(json.utf8))
        #expect(event.topic == "agent.run.completed")
        #expect(event.metadata.isEmpty)
        #expect(event.data["response"] == "hi")
        #expect(abs(event.timestamp.timeIntervalSince1970 - 1_714_551_630.123456) < 0.001)
        let reencoded = try BusEvent.decode(from: try event.encoded())
        #expect(reencoded == event)
        #expect(throws: EventBusError.self) { _ = try BusEvent.decode(from: Array("{not json".utf8)) }
    }

    @Test func topicPatterns() {
        #expect(TopicPattern.matches("agent.run.*", topic: "agent.run.started"))
        #expect(!TopicPattern.matches("agent.run.*", topic: "agent.run.started.extra"))
        #expect(TopicPattern.matches("agent.>", topic: "agent.run.started"))
        #expect(!TopicPattern.matches("agent.>", topic: "agent"))
        #expect(TopicPattern.matches(">", topic: "x"))
        #expect(!TopicPattern.isValidPattern("agent.>.run"))
        #expect(!TopicPattern.isValidTopic("agent..run"))
        #expect(!TopicPattern.isValidTopic("agent.*"))
    }
}
