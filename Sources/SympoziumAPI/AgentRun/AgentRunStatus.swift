import KubeModel

/// Pending, Running, Succeeded or Failed.
public struct AgentRunPhase: OpenEnum {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let pending: AgentRunPhase = "Pending"
    public static let running: AgentRunPhase = "Running"
    public static let succeeded: AgentRunPhase = "Succeeded"
    public static let failed: AgentRunPhase = "Failed"
    public static let knownValues: [AgentRunPhase] = [.pending, .running, .succeeded, .failed]

    public var isTerminal: Bool { self == .succeeded || self == .failed }
}

public struct AgentRunStatus: Codable, Hashable, Sendable {
    public var phase: AgentRunPhase?
    public var podName: String?
    public var jobName: String?
    public var startedAt: Time?
    public var completedAt: Time?
    public var result: String?
    public var error: String?
    public var exitCode: Int32?
    public var tokenUsage: TokenUsage?
    @OmitEmpty public var conditions: [Condition] = []

    public init(
        phase: AgentRunPhase? = nil, podName: String? = nil, jobName: String? = nil, startedAt: Time? = nil,
        completedAt: Time? = nil, result: String? = nil, error: String? = nil, exitCode: Int32? = nil,
        tokenUsage: TokenUsage? = nil, conditions: [Condition] = []
    ) {
        self.phase = phase
        self.podName = podName
        self.jobName = jobName
        self.startedAt = startedAt
        self.completedAt = completedAt
        self.result = result
        self.error = error
        self.exitCode = exitCode
        self.tokenUsage = tokenUsage
        self.conditions = conditions
    }
}

/// Tokens and tool calls a run used, summed across every provider call.
public struct TokenUsage: Codable, Hashable, Sendable {
    public var inputTokens: Int64
    public var outputTokens: Int64
    public var totalTokens: Int64
    public var toolCalls: Int64?
    public var durationMs: Int64?

    public init(inputTokens: Int64, outputTokens: Int64, toolCalls: Int64? = nil, durationMs: Int64? = nil) {
        self.inputTokens = inputTokens
        self.outputTokens = outputTokens
        self.totalTokens = inputTokens + outputTokens
        self.toolCalls = toolCalls
        self.durationMs = durationMs
    }
}
