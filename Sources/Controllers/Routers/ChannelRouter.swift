import EventBus
import Foundation
import KubeClient
import KubeModel
import Logging
import SympoziumAPI

/// channel.message.received → an AgentRun for the instance, annotated with
/// where to reply; agent.run.completed / failed of such a run →
/// channel.message.send with the answer or a clear error; channel.health.update
/// → the instance's channel status.
struct ChannelRouter: Sendable {
    let client: KubeClient
    let bus: any EventBus
    let logger: Logger

    var routes: [EventRoute] {
        [
            EventRoute(pattern: EventTopic.channelMessageReceived, durableName: "sympozium-channel-router") { try await received($0) },
            EventRoute(pattern: "agent.run.*", durableName: "sympozium-reply-router") { event in
                guard event.topic == EventTopic.agentRunCompleted || event.topic == EventTopic.agentRunFailed else { return .done }
                return try await completed(event)
            },
            EventRoute(pattern: EventTopic.channelHealthUpdate, durableName: "sympozium-channel-health") { try await health($0) },
        ]
    }

    func received(_ event: BusEvent) async throws -> RouteOutcome {
        guard let message = try? event.decodeData(as: InboundChannelMessage.self) else {
            return .reject("channel.message.received data is not an inbound message")
        }
        guard !message.text.isEmpty, !message.instanceName.isEmpty else { return .reject("an inbound message without text or instance") }
        guard let instance = try await InstanceLookup(client: client).find(message.instanceName, namespace: event.metadata[EventMetadata.namespace]) else {
            return .reject("no SympoziumInstance named \(message.instanceName)")
        }
        let namespace = instance.metadata.namespace ?? "default"
        let chat = message.chatId ?? ""
        // Named after the event, so a redelivery finds the run it already created.
        let digest = StableDigest.hex([event.topic, Time(event.timestamp).description, message.channel, chat, message.threadId ?? "", message.text])
        var run = AgentRun(
            metadata: ObjectMeta(name: "\(message.instanceName.prefix(40))-ch-\(digest)", namespace: namespace),
            spec: RunTemplate.spec(for: instance, task: message.text, sessionKey: "channel-\(message.channel)-\(chat)"))
        run.metadata.labels = [
            SympoziumLabel.instance: message.instanceName, RouterAnnotation.source: "channel", "sympozium.ai/source-channel": message.channel,
        ]
        run.metadata.annotations = [
            RouterAnnotation.replyChannel: message.channel, RouterAnnotation.replyChatID: chat,
            RouterAnnotation.replyThreadID: message.threadId ?? "", RouterAnnotation.replyMessageTS: message.metadata?["ts"] ?? "",
            RouterAnnotation.senderName: message.senderName ?? "", RouterAnnotation.senderID: message.senderId ?? "",
        ]
        do {
            _ = try await Api<AgentRun>(client, namespace: namespace).create(run)
            logger.info("run created from a channel message", metadata: [
                "agent.run": "\(run.metadata.name ?? "")", "k8s.namespace": "\(namespace)", "channel": "\(message.channel)",
            ])
        } catch let error as KubeAPIError where error.isAlreadyExists {
        } catch let error as KubeAPIError where error.status.code == 403 || error.status.code == 422 {
            // Refused by policy or validation: tell the sender instead of retrying.
            try await reply(to: message.channel, chat: chat, thread: message.threadId, text: "Sorry, I cannot start that run: \(error.status.message ?? "refused")", deduplicationID: "\(digest)-refused", instance: message.instanceName, namespace: namespace)
        }
        return .done
    }

    func completed(_ event: BusEvent) async throws -> RouteOutcome {
        guard let runName = event.metadata[EventMetadata.agentRunID], let namespace = event.metadata[EventMetadata.namespace] else { return .done }
        guard let run = try await Api<AgentRun>(client, namespace: namespace).getIfExists(runName),
            let channel = run.metadata.annotations[RouterAnnotation.replyChannel], !channel.isEmpty
        else { return .done }
        let completion = try? event.decodeData(as: RunCompletion.self)
        let text: String
        if event.topic == EventTopic.agentRunCompleted, let response = completion?.response, !response.isEmpty {
            text = response
        } else if event.topic == EventTopic.agentRunCompleted {
            text = "The agent finished without an answer."
        } else {
            text = "Sorry, the agent run failed: \(completion?.error ?? run.status?.error ?? "no reason given")"
        }
        try await reply(
            to: channel, chat: run.metadata.annotations[RouterAnnotation.replyChatID] ?? "",
            thread: run.metadata.annotations[RouterAnnotation.replyThreadID], text: text,
            deduplicationID: "\(run.metadata.uid ?? runName)-reply", instance: run.spec.instanceRef, namespace: namespace, run: runName)
        return .done
    }

    private func reply(
        to channel: String, chat: String, thread: String?, text: String, deduplicationID: String, instance: String, namespace: String,
        run: String? = nil
    ) async throws {
        // Channel pods pick their instance's replies by these.
        var metadata = [EventMetadata.channel: channel, EventMetadata.instanceName: instance, EventMetadata.namespace: namespace]
        if let run { metadata[EventMetadata.agentRunID] = run }
        let message = OutboundChannelMessage(
            channel: channel, chatId: chat, threadId: thread?.isEmpty == false ? thread : nil, text: text, format: "markdown")
        try await bus.publish(try BusEvent(topic: EventTopic.channelMessageSend, metadata: metadata, payload: message), deduplicationID: deduplicationID)
    }
}

/// Finds an instance by name: in the given namespace, else the only one of that name.
struct InstanceLookup: Sendable {
    let client: KubeClient

    func find(_ name: String, namespace: String?) async throws -> SympoziumInstance? {
        if let namespace, !namespace.isEmpty {
            return try await Api<SympoziumInstance>(client, namespace: namespace).getIfExists(name)
        }
        return try await Api<SympoziumInstance>(client).list(ListParameters(fieldSelector: "metadata.name=\(name)")).items.first
    }
}

/// FNV-1a 64-bit over the parts, as 16 hex digits: names derived from content.
enum StableDigest {
    static func hex(_ parts: [String]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for part in parts {
            for byte in part.utf8 {
                hash ^= UInt64(byte)
                hash = hash &* 0x0000_0100_0000_01b3
            }
            hash ^= 0xff
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let text = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - text.count) + text
    }
}
