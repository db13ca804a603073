import APIServer
import EventBus
import Foundation
import KubeClient
import KubeModel
import SympoziumAPI
import Testing

@Suite("WebSocket /ws/stream: bus events out, run frames in", .serialized)
struct APIServerStreamTests {
    static func event(_ topic: String, instance: String, run: String) throws -> BusEvent {
        try BusEvent(
            topic: topic, metadata: ["instanceName": instance, "agentRunID": run, "namespace": "default"],
            payload: ["status": "success", "response": .string("done by \(run)")] as JSONValue)
    }

    @Test("events on the bus reach the client as JSON frames, filtered by ?instance=; the subscription ends with the socket")
    func forwardsFilteredEvents() async throws {
        try await APIHarness.with { api in
            let stream = StreamClient.connect("ws://127.0.0.1:\(api.port)/ws/stream?instance=alice")
            let subscribed = try await stream.next()
            #expect(subscribed["type"]?.stringValue == "subscribed")
            #expect(subscribed["filter"]?["instance"]?.stringValue == "alice")
            #expect(api.bus.openSubscriptions == 1)

            try await api.bus.publish(try Self.event(EventTopic.agentRunCompleted, instance: "bob", run: "bob-1"))
            try await api.bus.publish(try Self.event(EventTopic.agentRunCompleted, instance: "alice", run: "alice-1"))
            let event = try await stream.next()
            #expect(event["type"]?.stringValue == "event")
            #expect(event["topic"]?.stringValue == "agent.run.completed")
            #expect(event["metadata"]?["agentRunID"]?.stringValue == "alice-1")
            #expect(event["payload"]?["response"]?.stringValue == "done by alice-1")
            #expect(event["timestamp"]?.stringValue?.hasSuffix("Z") == true)
            try await Task.sleep(for: .milliseconds(200))
            #expect(await stream.pending().isEmpty, "bob's event is filtered out")

            try await stream.close()
            try await waitUntil("the subscription to end") { api.bus.openSubscriptions == 0 }
        }
    }

    @Test("?run= and ?topic= narrow the stream")
    func runAndTopicFilters() async throws {
        try await APIHarness.with { api in
            let stream = StreamClient.connect("ws://127.0.0.1:\(api.port)/ws/stream?run=alice-2&topic=agent.run.*")
            _ = try await stream.next(type: "subscribed")
            try await api.bus.publish(try Self.event(EventTopic.agentStreamChunk, instance: "alice", run: "alice-2"))
            try await api.bus.publish(try Self.event(EventTopic.agentRunFailed, instance: "alice", run: "alice-1"))
            try await api.bus.publish(try Self.event(EventTopic.agentRunFailed, instance: "alice", run: "alice-2"))
            let event = try await stream.next()
            #expect(event["topic"]?.stringValue == "agent.run.failed")
            #expect(event["metadata"]?["agentRunID"]?.stringValue == "alice-2")
            try await stream.close()
        }
    }

    @Test("a run frame creates an AgentRun and is answered with its name; bad frames get error frames and the socket stays open")
    func commands() async throws {
        try await APIHarness.with { api in
            #expect(try await api.post("/api/v1/instances", APIServerRESTTests.alice).status == 201)
            let stream = StreamClient.connect("ws://127.0.0.1:\(api.port)/ws/stream")
            _ = try await stream.next(type: "subscribed")

            stream.send(#"{"type": "run", "id": "r1", "instance": "alice", "task": "say hello", "model": "gpt-4.1"}"#)
            let created = try await stream.next(type: "run.created")
            #expect(created["id"]?.stringValue == "r1")
            #expect(created["instance"]?.stringValue == "alice")
            #expect(created["namespace"]?.stringValue == "default")
            let name = try #require(created["name"]?.stringValue)
            let run = try await Api<AgentRun>(api.client, namespace: "default").get(name)
            #expect(run.spec.task == "say hello")
            #expect(run.spec.model.model == "gpt-4.1")
            #expect(run.spec.model.authSecretRef == "alice-openai")

            stream.send("this is not json")
            #expect(try await stream.next(type: "error")["code"]?.stringValue == "MalformedJSON")
            stream.send(#"{"type": "dance", "id": "d"}"#)
            let unknown = try await stream.next(type: "error")
            #expect(unknown["code"]?.stringValue == "UnknownFrameType")
            #expect(unknown["id"]?.stringValue == "d")
            stream.send(#"{"task": "no type"}"#)
            #expect(try await stream.next(type: "error")["code"]?.stringValue == "BadFrame")
            stream.send(#"{"type": "run", "instance": "nobody", "task": "t"}"#)
            #expect(try await stream.next(type: "error")["code"]?.stringValue == "InstanceNotFound")
            stream.send(#"{"type": "run", "instance": 7}"#)
            #expect(try await stream.next(type: "error")["code"]?.stringValue == "Invalid")

            // Still open: events keep flowing after the bad frames.
            try await api.bus.publish(try Self.event(EventTopic.agentStatusUpdate, instance: "alice", run: name))
            #expect(try await stream.next(type: "event")["metadata"]?["agentRunID"]?.stringValue == name)
            try await stream.close()
            try await waitUntil("the subscription to end") { api.bus.openSubscriptions == 0 }
        }
    }

    @Test("a bus that refuses the subscription is reported in an error frame")
    func busRefuses() async throws {
        try await APIHarness.with { api in
            await api.bus.close()
            let stream = StreamClient.connect("ws://127.0.0.1:\(api.port)/ws/stream")
            let error = try await stream.next()
            #expect(error["type"]?.stringValue == "error")
            #expect(error["code"]?.stringValue == "EventBusUnavailable")
            _ = await stream.result()
            #expect(api.bus.openSubscriptions == 0)
        }
    }

    @Test("a bad filter refuses the upgrade: the plain request explains it with 400")
    func badFilter() async throws {
        try await APIHarness.with { api in
            let refused = StreamClient.connect("ws://127.0.0.1:\(api.port)/ws/stream?instance=Not%20A%20Name")
            if case .success = await refused.result() { Issue.record("the upgrade succeeded with a bad filter") }
            let plain = try await api.get("/ws/stream?instance=Not%20A%20Name")
            #expect(plain.status == 400)
            #expect(api.bus.openSubscriptions == 0)
        }
    }
}

/// Polls until `condition` holds; records an issue after `timeout`.
func waitUntil(
    _ what: String, timeout: Duration = .seconds(10), sourceLocation: SourceLocation = #_sourceLocation, _ condition: () async throws -> Bool
) async throws {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if try await condition() { return }
        try await Task.sleep(for: .milliseconds(20))
    }
    Issue.record("timed out waiting for \(what)", sourceLocation: sourceLocation)
}
