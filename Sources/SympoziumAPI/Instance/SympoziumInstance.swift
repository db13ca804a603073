import KubeModel

/// A tenant's gateway: its channels, agent defaults, skills, policy and memory.
public struct SympoziumInstance: CustomResource {
    public static let kind = "SympoziumInstance"
    public static let plural = "sympoziuminstances"
    public static let shortNames = ["si"]

    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: SympoziumInstanceSpec
    public var status: SympoziumInstanceStatus?

    public init(metadata: ObjectMeta, spec: SympoziumInstanceSpec, status: SympoziumInstanceStatus? = nil) {
        self.apiVersion = Self.apiVersion
        self.kind = Self.kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }
}

public struct SympoziumInstanceSpec: Codable, Hashable, Sendable {
    @OmitEmpty public var channels: [ChannelSpec] = []
    public var agents: AgentsSpec
    @OmitEmpty public var skills: [SkillRef] = []
    public var policyRef: String?
    @OmitEmpty public var authRefs: [SecretRef] = []
    public var memory: MemorySpec?

    public init(
        channels: [ChannelSpec] = [], agents: AgentsSpec, skills: [SkillRef] = [], policyRef: String? = nil,
        authRefs: [SecretRef] = [], memory: MemorySpec? = nil
    ) {
        self.channels = channels
        self.agents = agents
        self.skills = skills
        self.policyRef = policyRef
        self.authRefs = authRefs
        self.memory = memory
    }
}

/// A connection to one chat platform, served by a channel Deployment.
public struct ChannelSpec: Codable, Hashable, Sendable {
    public var type: ChannelType
    public var configRef: ChannelConfigRef?

    public init(type: ChannelType, configRef: ChannelConfigRef? = nil) {
        self.type = type
        self.configRef = configRef
    }
}

public struct ChannelConfigRef: Codable, Hashable, Sendable {
    public var secret: String

    public init(secret: String) { self.secret = secret }
}

/// Chat platforms Sympozium ships a channel for.
public struct ChannelType: OpenEnum {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let telegram: ChannelType = "telegram"
    public static let slack: ChannelType = "slack"
    public static let discord: ChannelType = "discord"
    public static let whatsapp: ChannelType = "whatsapp"
    public static let knownValues: [ChannelType] = [.telegram, .slack, .discord, .whatsapp]
}

public struct AgentsSpec: Codable, Hashable, Sendable {
    public var `default`: AgentConfig

    public init(default: AgentConfig) { self.default = `default` }
}

/// Defaults for the agents an instance runs.
public struct AgentConfig: Codable, Hashable, Sendable {
    public var model: String
    public var baseURL: String?
    public var thinking: String?
    public var sandbox: InstanceSandboxSpec?
    public var subagents: SubagentsSpec?

    public init(
        model: String, baseURL: String? = nil, thinking: String? = nil, sandbox: InstanceSandboxSpec? = nil,
        subagents: SubagentsSpec? = nil
    ) {
        self.model = model
        self.baseURL = baseURL
        self.thinking = thinking
        self.sandbox = sandbox
        self.subagents = subagents
    }
}

public struct InstanceSandboxSpec: Codable, Hashable, Sendable {
    public var enabled: Bool
    public var image: String?
    public var resources: ResourceRequirements?

    public init(enabled: Bool, image: String? = nil, resources: ResourceRequirements? = nil) {
        self.enabled = enabled
        self.image = image
        self.resources = resources
    }
}

/// Limits on sub-agents spawned by this instance's agents.
public struct SubagentsSpec: Codable, Hashable, Sendable {
    public static let defaultMaxDepth: Int64 = 2
    public static let defaultMaxConcurrent: Int64 = 5
    public static let defaultMaxChildrenPerAgent: Int64 = 3

    public var maxDepth: Int?
    public var maxConcurrent: Int?
    public var maxChildrenPerAgent: Int?

    public init(maxDepth: Int? = nil, maxConcurrent: Int? = nil, maxChildrenPerAgent: Int? = nil) {
        self.maxDepth = maxDepth
        self.maxConcurrent = maxConcurrent
        self.maxChildrenPerAgent = maxChildrenPerAgent
    }
}

/// Persistent memory: a MEMORY.md kept in the ConfigMap `<instance>-memory`.
public struct MemorySpec: Codable, Hashable, Sendable {
    public static let defaultMaxSizeKB: Int64 = 256

    public var enabled: Bool
    public var maxSizeKB: Int?
    public var systemPrompt: String?

    public init(enabled: Bool = true, maxSizeKB: Int? = nil, systemPrompt: String? = nil) {
        self.enabled = enabled
        self.maxSizeKB = maxSizeKB
        self.systemPrompt = systemPrompt
    }

    /// The effective size cap in bytes.
    public var maxSizeBytes: Int { (maxSizeKB ?? Int(Self.defaultMaxSizeKB)) * 1024 }
}

public struct SympoziumInstanceStatus: Codable, Hashable, Sendable {
    /// Pending, Running or Error.
    public var phase: String?
    @OmitEmpty public var channels: [ChannelStatus] = []
    public var activeAgentPods: Int?
    public var totalAgentRuns: Int64?
    @OmitEmpty public var conditions: [Condition] = []

    public init(
        phase: String? = nil, channels: [ChannelStatus] = [], activeAgentPods: Int? = nil,
        totalAgentRuns: Int64? = nil, conditions: [Condition] = []
    ) {
        self.phase = phase
        self.channels = channels
        self.activeAgentPods = activeAgentPods
        self.totalAgentRuns = totalAgentRuns
        self.conditions = conditions
    }
}

public struct ChannelStatus: Codable, Hashable, Sendable {
    public var type: String
    /// Connected, Disconnected or Error.
    public var status: String
    public var lastHealthCheck: Time?
    public var message: String?

    public init(type: String, status: String, lastHealthCheck: Time? = nil, message: String? = nil) {
        self.type = type
        self.status = status
        self.lastHealthCheck = lastHealthCheck
        self.message = message
    }
}
