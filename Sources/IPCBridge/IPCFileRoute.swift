import EventBus

/// Which event a file in /ipc becomes.
public enum IPCFileRoute: Sendable, Equatable {
    /// `output/result.json`: the run's outcome; the bridge finishes after it.
    case result
    /// `output/status.json`: overwritten at each phase change.
    case status
    case publish(topic: String)
    /// `/ipc/done`: the runner finished.
    case done

    /// The watched directory keys and their paths below /ipc.
    public static let directories = ["output", "spawn", "tools", "messages", "schedules", "approvals"]

    public static func route(directory: String, name: String) -> IPCFileRoute? {
        guard !name.hasPrefix(".") else { return nil }
        switch directory {
        case "":
            return name == "done" ? .done : nil
        case "output":
            if name == "result.json" { return .result }
            if name == "status.json" { return .status }
            if name.hasPrefix("stream-"), name.hasSuffix(".json") { return .publish(topic: EventTopic.agentStreamChunk) }
        case "spawn":
            // result-*.json files are the bridge's own answers.
            if name.hasPrefix("request-"), name.hasSuffix(".json") { return .publish(topic: EventTopic.agentSpawnRequest) }
        case "tools":
            if name.hasPrefix("exec-request-"), name.hasSuffix(".json") { return .publish(topic: EventTopic.toolExecRequest) }
        case "messages":
            if name.hasPrefix("send-"), name.hasSuffix(".json") { return .publish(topic: EventTopic.channelMessageSend) }
        case "schedules":
            if name.hasPrefix("schedule-"), name.hasSuffix(".json") { return .publish(topic: EventTopic.scheduleUpsert) }
        case "approvals":
            // response-*.json files are the bridge's own answers.
            if name.hasPrefix("request-"), name.hasSuffix(".json") { return .publish(topic: EventTopic.toolApprovalRequest) }
        default:
            break
        }
        return nil
    }
}

extension IPCBridgeConfiguration {
    /// The run ID as one topic token (dots, which Kubernetes names allow, become `_`).
    public var runToken: String {
        String(agentRunID.map { $0 == "." || $0 == "*" || $0 == ">" || $0 == " " ? "_" : $0 })
    }

    /// Follow-up messages for this run are published here.
    public var followUpTopic: String { "agent.followup.\(runToken)" }
    /// Remote tool execution results for this run are published here.
    public var execResultTopic: String { "\(EventTopic.toolExecResult).\(runToken)" }
    /// Answers to this run's tool approval requests ({id, approved, reason}) are published here.
    public var approvalResponseTopic: String { "\(EventTopic.toolApprovalResponse).\(runToken)" }
}
