import Foundation
import KubeModel

/// channel.message.received: a message a channel pod received (the original's InboundMessage).
struct InboundChannelMessage: Codable, Sendable, Hashable {
    var channel: String
    var instanceName: String
    var senderId: String?
    var senderName: String?
    var chatId: String?
    var threadId: String?
    var text: String
    var metadata: [String: String]?
}

/// channel.message.send: a message for a channel pod to deliver (the original's OutboundMessage).
struct OutboundChannelMessage: Codable, Sendable, Hashable {
    var channel: String
    var chatId: String
    var threadId: String?
    var text: String
    var format: String?
    var replyTo: String?
}

/// agent.run.completed / agent.run.failed data: what the run answered.
public struct RunCompletion: Codable, Sendable, Hashable {
    public var status: String
    public var response: String?
    public var error: String?

    public init(status: String, response: String? = nil, error: String? = nil) {
        self.status = status
        self.response = response
        self.error = error
    }
}

/// schedule.upsert data (what the schedule_task tool writes into /ipc/schedules).
struct ScheduleRequest: Codable, Sendable, Hashable {
    var name: String
    var action: String?
    var schedule: String?
    var task: String?
    var concurrencyPolicy: String?
    var includeMemory: Bool?
}

/// agent.spawn.request data (what the spawn_subagent tool writes into /ipc/spawn).
struct SpawnRequest: Codable, Sendable, Hashable {
    var requestId: String
    var task: String
    var systemPrompt: String?
    var agentId: String?
    @OmitEmpty var skills: [String] = []
}

/// Event metadata keys shared with the IPC bridge and channel pods.
public enum EventMetadata {
    public static let agentRunID = "agentRunID"
    public static let instanceName = "instanceName"
    public static let namespace = "namespace"
    public static let channel = "channel"
    public static let parentRunID = "parentRunID"
    public static let spawnRequestID = "spawnRequestID"
}

/// Annotations a channel-sourced or spawned run carries.
public enum RouterAnnotation {
    public static let replyChannel = "sympozium.ai/reply-channel"
    public static let replyChatID = "sympozium.ai/reply-chat-id"
    public static let replyThreadID = "sympozium.ai/reply-thread-id"
    public static let replyMessageTS = "sympozium.ai/reply-message-ts"
    public static let senderName = "sympozium.ai/sender-name"
    public static let senderID = "sympozium.ai/sender-id"
    public static let spawnRequestID = "sympozium.ai/spawn-request-id"
    public static let source = "sympozium.ai/source"
}
