import KubeModel

/// One agent execution, reconciled into a Job whose pod runs the agent.
public struct AgentRun: CustomResource {
    public static let kind = "AgentRun"
    public static let plural = "agentruns"
    public static let shortNames = ["ar"]

    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: AgentRunSpec
    public var status: AgentRunStatus?

    public init(metadata: ObjectMeta, spec: AgentRunSpec, status: AgentRunStatus? = nil) {
        self.apiVersion = Self.apiVersion
        self.kind = Self.kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }
}

public struct AgentRunSpec: Codable, Hashable, Sendable {
    public var instanceRef: String
    public var agentId: String
    public var parent: ParentRunRef?
    public var task: String
    public var systemPrompt: String?
    public var model: ModelSpec
    @OmitEmpty public var skills: [SkillRef] = []
    public var toolPolicy: ToolPolicySpec?
    /// Go duration ("10m", "1h30m"); the run fails when it is exceeded.
    public var timeout: String?
    public var sessionKey: String
    public var sandbox: AgentRunSandboxSpec?
    public var cleanup: CleanupPolicy?

    public init(
        instanceRef: String, agentId: String, parent: ParentRunRef? = nil, task: String,
        systemPrompt: String? = nil, model: ModelSpec, skills: [SkillRef] = [], toolPolicy: ToolPolicySpec? = nil,
        timeout: String? = nil, sessionKey: String, sandbox: AgentRunSandboxSpec? = nil,
        cleanup: CleanupPolicy? = nil
    ) {
        self.instanceRef = instanceRef
        self.agentId = agentId
        self.parent = parent
        self.task = task
        self.systemPrompt = systemPrompt
        self.model = model
        self.skills = skills
        self.toolPolicy = toolPolicy
        self.timeout = timeout
        self.sessionKey = sessionKey
        self.sandbox = sandbox
        self.cleanup = cleanup
    }

    /// The parsed timeout, when set and valid.
    public var timeoutDuration: KubeDuration? { timeout.flatMap(KubeDuration.init(parsing:)) }

    /// How deep this run is in a sub-agent tree (0 for a top-level run).
    public var spawnDepth: Int { parent?.spawnDepth ?? 0 }
}

/// The run that spawned a sub-agent.
public struct ParentRunRef: Codable, Hashable, Sendable {
    public var runName: String
    public var sessionKey: String
    public var spawnDepth: Int

    public init(runName: String, sessionKey: String, spawnDepth: Int) {
        self.runName = runName
        self.sessionKey = sessionKey
        self.spawnDepth = spawnDepth
    }
}

/// Which model answers, where, and with which credentials.
public struct ModelSpec: Codable, Hashable, Sendable {
    public var provider: String
    public var model: String
    public var baseURL: String?
    public var thinking: String?
    public var authSecretRef: String

    public init(provider: String, model: String, baseURL: String? = nil, thinking: String? = nil, authSecretRef: String) {
        self.provider = provider
        self.model = model
        self.baseURL = baseURL
        self.thinking = thinking
        self.authSecretRef = authSecretRef
    }
}

public struct ToolPolicySpec: Codable, Hashable, Sendable {
    @OmitEmpty public var allow: [String] = []
    @OmitEmpty public var deny: [String] = []
    /// Tools offered to the agent but run only after a human approves each call.
    @OmitEmpty public var requireApproval: [String] = []

    public init(allow: [String] = [], deny: [String] = [], requireApproval: [String] = []) {
        self.allow = allow
        self.deny = deny
        self.requireApproval = requireApproval
    }
}

public struct AgentRunSandboxSpec: Codable, Hashable, Sendable {
    public var enabled: Bool
    public var image: String?
    public var resources: SandboxResources?
    public var securityContext: SandboxSecurityContext?

    public init(
        enabled: Bool, image: String? = nil, resources: SandboxResources? = nil,
        securityContext: SandboxSecurityContext? = nil
    ) {
        self.enabled = enabled
        self.image = image
        self.resources = resources
        self.securityContext = securityContext
    }
}

public struct SandboxResources: Codable, Hashable, Sendable {
    @OmitEmpty public var limits: [String: String] = [:]
    @OmitEmpty public var requests: [String: String] = [:]

    public init(limits: [String: String] = [:], requests: [String: String] = [:]) {
        self.limits = limits
        self.requests = requests
    }
}

public struct SandboxSecurityContext: Codable, Hashable, Sendable {
    public var runAsNonRoot: Bool?
    public var readOnlyRootFilesystem: Bool?
    public var capabilities: SandboxCapabilities?
    public var seccompProfile: SandboxSeccompProfile?

    public init(
        runAsNonRoot: Bool? = nil, readOnlyRootFilesystem: Bool? = nil, capabilities: SandboxCapabilities? = nil,
        seccompProfile: SandboxSeccompProfile? = nil
    ) {
        self.runAsNonRoot = runAsNonRoot
        self.readOnlyRootFilesystem = readOnlyRootFilesystem
        self.capabilities = capabilities
        self.seccompProfile = seccompProfile
    }
}

public struct SandboxCapabilities: Codable, Hashable, Sendable {
    @OmitEmpty public var drop: [String] = []

    public init(drop: [String] = []) { self.drop = drop }
}

public struct SandboxSeccompProfile: Codable, Hashable, Sendable {
    public var type: String

    public init(type: String) { self.type = type }
}

/// What happens to the pod once the run finishes.
public struct CleanupPolicy: OpenEnum {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let delete: CleanupPolicy = "delete"
    public static let keep: CleanupPolicy = "keep"
    public static let knownValues: [CleanupPolicy] = [.delete, .keep]
}
