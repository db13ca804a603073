import ClusterTestSupport
import Controllers
import EventBus
import Foundation
import KubeClient
import KubeModel
import Logging
import SympoziumAPI
import Testing

@Suite("Event routers in the controller manager (in-process bus)", .serialized)
struct RouterTests {
    static let instance = """
        apiVersion: sympozium.ai/v1alpha1
        kind: SympoziumInstance
        metadata: {name: alice}
        spec:
          agents: {default: {model: gpt-4o}}
          authRefs: [{provider: openai, secret: alice-openai}]
        """

    /// The next event on `pattern`, acknowledged.
    static func next(_ subscription: EventSubscription) async throws -> BusEvent {
        let event = try await withThrowingTaskGroup(of: BusEvent?.self) { group in
            group.addTask { try await subscription.next()?.event }
            group.addTask {
                try await Task.sleep(for: .seconds(20))
                return nil
            }
            let first = try await group.next() ?? nil
            group.cancelAll()
            return first
        }
        return try #require(event, "no event within 20 s")
    }

    @Test("a channel message becomes a run; its outcome goes back to the channel; schedules and sub-agents follow their events")
    func routes() async throws {
        let bus = InProcessEventBus()
        let plane = try await ControlPlane.start(eventBus: bus)
        do {
            try await plane.apply(Self.instance)
            let outbound = try await bus.subscribe(EventTopic.channelMessageSend, options: EventSubscriptionOptions(start: .allEvents))
            let runs = Api<AgentRun>(plane.client, namespace: "default")

            // channel.message.received → AgentRun with reply annotations (a redelivery creates nothing new).
            let inbound = try BusEvent(
                topic: EventTopic.channelMessageReceived, metadata: ["channel": "telegram", "instanceName": "alice"],
                payload: ["channel": "telegram", "instanceName": "alice", "chatId": "42", "senderName": "Ann", "text": "how are the pods?"] as JSONValue)
            try await bus.publish(inbound)
            try await bus.publish(inbound)
            try await waitFor("the channel run") { try await runs.list().items.contains { $0.metadata.labels["sympozium.ai/source"] == "channel" } }
            try await Task.sleep(for: .milliseconds(300))
            let channelRuns = try await runs.list().items.filter { $0.metadata.labels["sympozium.ai/source"] == "channel" }
            #expect(channelRuns.count == 1)
            let run = try #require(channelRuns.first)
            #expect(run.spec.task == "how are the pods?")
            #expect(run.spec.model.authSecretRef == "alice-openai")
            #expect(run.metadata.annotations["sympozium.ai/reply-channel"] == "telegram")
            #expect(run.metadata.annotations["sympozium.ai/reply-chat-id"] == "42")

            // The run succeeds → channel.message.send with the answer, once.
            let name = try #require(run.metadata.name)
            try await waitFor("Running") { try await runs.get(name).status?.phase == .running }
            try await finishJob(plane.client, name: name, succeeded: false)
            let reply = try await Self.next(outbound)
            #expect(reply.metadata["channel"] == "telegram")
            #expect(reply.data["chatId"]?.stringValue == "42")
            #expect(reply.data["text"]?.stringValue?.hasPrefix("Sorry, the agent run failed") == true)

            // schedule.upsert: create, suspend, delete.
            let schedules = Api<SympoziumSchedule>(plane.client, namespace: "default")
            try await bus.publish(
                try BusEvent(
                    topic: EventTopic.scheduleUpsert, metadata: ["instanceName": "alice", "agentRunID": name],
                    payload: ["name": "nightly", "action": "create", "schedule": "0 3 * * *", "task": "check backups"] as JSONValue))
            try await waitFor("the schedule") { try await schedules.getIfExists("nightly") != nil }
            #expect(try await schedules.get("nightly").spec.task == "check backups")
            try await bus.publish(
                try BusEvent(topic: EventTopic.scheduleUpsert, metadata: ["instanceName": "alice"], payload: ["name": "nightly", "action": "suspend"] as JSONValue))
            try await waitFor("suspended") { try await schedules.get("nightly").spec.suspend == true }
            try await bus.publish(
                try BusEvent(topic: EventTopic.scheduleUpsert, metadata: ["instanceName": "alice"], payload: ["name": "nightly", "action": "delete"] as JSONValue))
            try await waitFor("deleted") { try await schedules.getIfExists("nightly") == nil }

            // agent.spawn.request → a child run one level deeper, owned by its parent.
            try await bus.publish(
                try BusEvent(
                    topic: EventTopic.agentSpawnRequest, metadata: ["agentRunID": name, "namespace": "default", "instanceName": "alice"],
                    payload: ["requestId": "req-1", "task": "summarise the logs"] as JSONValue))
            try await waitFor("the child run") { try await runs.list().items.contains { $0.spec.parent?.runName == name } }
            let child = try #require(try await runs.list().items.first { $0.spec.parent?.runName == name })
            #expect(child.spec.parent?.spawnDepth == 1)
            #expect(child.spec.task == "summarise the logs")
            #expect(child.metadata.ownerReferences.first?.name == name)
            #expect(child.metadata.annotations["sympozium.ai/spawn-request-id"] == "req-1")
        } catch {
            await plane.stop()
            await bus.close()
            throw error
        }
        await plane.stop()
        await bus.close()
    }

    @Test("a channel pod's health reports reach the instance's status: Error with its reason, until it reports healthy")
    func channelHealthReachesStatus() async throws {
        let bus = InProcessEventBus()
        let plane = try await ControlPlane.start(eventBus: bus)
        do {
            try await plane.apply("""
                apiVersion: sympozium.ai/v1alpha1
                kind: SympoziumInstance
                metadata: {name: carol}
                spec:
                  agents: {default: {model: gpt-4o}}
                  channels: [{type: telegram, configRef: {secret: carol-telegram}}]
                """)
            let instances = Api<SympoziumInstance>(plane.client, namespace: "default")
            try await waitFor("the instance's channel status") { try await instances.get("carol").status?.channels.count == 1 }
            let report = { (status: ChannelHealth.Status, message: String?) in
                try BusEvent(
                    topic: EventTopic.channelHealthUpdate, metadata: ["channel": "telegram", "instanceName": "carol", "namespace": "default"],
                    payload: ChannelHealth(channel: "telegram", instanceName: "carol", status: status, message: message))
            }
            try await bus.publish(try report(.unhealthy, "TelegramUnauthorized: getMe: the Bot API rejected the bot token"))
            try await waitFor("the channel in Error") { try await instances.get("carol").status?.channels.first?.status == "Error" }
            let failing = try #require(try await instances.get("carol").status)
            #expect(failing.phase == "Error")
            #expect(failing.channels.first?.message?.contains("rejected the bot token") == true)
            #expect(failing.channels.first?.lastHealthCheck != nil)
            let ready = failing.conditions.first { $0.type == "Ready" }
            #expect(ready?.reason == "ChannelError" && ready?.message.contains("telegram: TelegramUnauthorized") == true)

            // A later reconcile (a spec change) keeps the pod's reason.
            try await plane.apply("""
                apiVersion: sympozium.ai/v1alpha1
                kind: SympoziumInstance
                metadata: {name: carol}
                spec:
                  agents: {default: {model: gpt-4o-mini}}
                  channels: [{type: telegram, configRef: {secret: carol-telegram}}]
                """)
            try await waitFor("the reconcile of the new generation") {
                let status = try await instances.get("carol").status
                return status?.conditions.first { $0.type == "Ready" }?.observedGeneration == 2
            }
            #expect(try await instances.get("carol").status?.channels.first?.status == "Error")

            try await Task.sleep(for: .seconds(1))
            try await bus.publish(try report(.healthy, nil))
            // Connected, until a reconcile sets it by the Deployment's readiness (no node runs it here).
            try await waitFor("the channel out of Error") {
                let channel = try await instances.get("carol").status?.channels.first
                return channel.map { $0.status != "Error" && $0.message?.contains("rejected") != true } ?? false
            }
        } catch {
            await plane.stop()
            await bus.close()
            throw error
        }
        await plane.stop()
        await bus.close()
    }
}
