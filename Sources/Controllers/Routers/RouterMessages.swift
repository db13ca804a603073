import Foundation
import KubeModel

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
