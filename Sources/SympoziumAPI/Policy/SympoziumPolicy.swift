import KubeModel

/// Governance for the instances bound to it: sandboxing, sub-agent limits,
/// tool gating, feature gates and network isolation.
public struct SympoziumPolicy: CustomResource {
    public static let kind = "SympoziumPolicy"
    public static let plural = "sympoziumpolicies"
    public static let shortNames = ["spol"]
    public static let requiredSpec = false

    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: SympoziumPolicySpec
    public var status: SympoziumPolicyStatus?

    public init(metadata: ObjectMeta, spec: SympoziumPolicySpec = SympoziumPolicySpec(), status: SympoziumPolicyStatus? = nil) {
        self.apiVersion = Self.apiVersion
        self.kind = Self.kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }

    private enum CodingKeys: String, CodingKey { case apiVersion, kind, metadata, spec, status }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        apiVersion = try container.decodeIfPresent(String.self, forKey: .apiVersion)
        kind = try container.decodeIfPresent(String.self, forKey: .kind)
        metadata = try container.decodeIfPresent(ObjectMeta.self, forKey: .metadata) ?? ObjectMeta()
        spec = try container.decodeIfPresent(SympoziumPolicySpec.self, forKey: .spec) ?? SympoziumPolicySpec()
        status = try container.decodeIfPresent(SympoziumPolicyStatus.self, forKey: .status)
    }
}

public struct SympoziumPolicySpec: Codable, Hashable, Sendable {
    public var sandboxPolicy: SandboxPolicy?
    public var subagentPolicy: SubagentPolicy?
    public var toolGating: ToolGating?
    @OmitEmpty public var featureGates: [String: Bool] = [:]
    public var networkPolicy: NetworkIsolationSpec?

    public init(
        sandboxPolicy: SandboxPolicy? = nil, subagentPolicy: SubagentPolicy? = nil, toolGating: ToolGating? = nil,
        featureGates: [String: Bool] = [:], networkPolicy: NetworkIsolationSpec? = nil
    ) {
        self.sandboxPolicy = sandboxPolicy
        self.subagentPolicy = subagentPolicy
        self.toolGating = toolGating
        self.featureGates = featureGates
        self.networkPolicy = networkPolicy
    }
}

public struct SandboxPolicy: Codable, Hashable, Sendable {
    public var required: Bool
    public var defaultImage: String?
    public var maxCPU: String?
    public var maxMemory: String?
    public var allowHostMounts: Bool?

    public init(
        required: Bool, defaultImage: String? = nil, maxCPU: String? = nil, maxMemory: String? = nil,
        allowHostMounts: Bool? = nil
    ) {
        self.required = required
        self.defaultImage = defaultImage
        self.maxCPU = maxCPU
        self.maxMemory = maxMemory
        self.allowHostMounts = allowHostMounts
    }
}

public struct SubagentPolicy: Codable, Hashable, Sendable {
    public static let defaultMaxDepth: Int64 = 3
    public static let defaultMaxConcurrent: Int64 = 5

    public var maxDepth: Int?
    public var maxConcurrent: Int?

    public init(maxDepth: Int? = nil, maxConcurrent: Int? = nil) {
        self.maxDepth = maxDepth
        self.maxConcurrent = maxConcurrent
    }

    public var effectiveMaxDepth: Int { maxDepth ?? Int(Self.defaultMaxDepth) }
    public var effectiveMaxConcurrent: Int { maxConcurrent ?? Int(Self.defaultMaxConcurrent) }
}

/// allow, deny or ask (allowed once a human approves the call).
public struct ToolAction: OpenEnum {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let allow: ToolAction = "allow"
    public static let deny: ToolAction = "deny"
    public static let ask: ToolAction = "ask"
    public static let knownValues: [ToolAction] = [.allow, .deny, .ask]
}

public struct ToolGating: Codable, Hashable, Sendable {
    public var defaultAction: ToolAction?
    @OmitEmpty public var rules: [ToolGatingRule] = []

    public init(defaultAction: ToolAction? = nil, rules: [ToolGatingRule] = []) {
        self.defaultAction = defaultAction
        self.rules = rules
    }

    /// The action for a tool: its rule if one names it, else the default (allow).
    public func action(for tool: String) -> ToolAction {
        rules.last { $0.tool == tool }?.action ?? defaultAction ?? .allow
    }
}

public struct ToolGatingRule: Codable, Hashable, Sendable {
    public var tool: String
    public var action: ToolAction

    public init(tool: String, action: ToolAction) {
        self.tool = tool
        self.action = action
    }
}

/// Network isolation of agent pods, realised as a Kubernetes NetworkPolicy.
public struct NetworkIsolationSpec: Codable, Hashable, Sendable {
    public var denyAll: Bool?
    public var allowDNS: Bool?
    public var allowEventBus: Bool?
    @OmitEmpty public var allowedEgress: [EgressRule] = []

    public init(
        denyAll: Bool? = nil, allowDNS: Bool? = nil, allowEventBus: Bool? = nil, allowedEgress: [EgressRule] = []
    ) {
        self.denyAll = denyAll
        self.allowDNS = allowDNS
        self.allowEventBus = allowEventBus
        self.allowedEgress = allowedEgress
    }
}

public struct EgressRule: Codable, Hashable, Sendable {
    public var host: String
    public var port: Int?

    public init(host: String, port: Int? = nil) {
        self.host = host
        self.port = port
    }
}

public struct SympoziumPolicyStatus: Codable, Hashable, Sendable {
    public var boundInstances: Int?
    @OmitEmpty public var conditions: [Condition] = []

    public init(boundInstances: Int? = nil, conditions: [Condition] = []) {
        self.boundInstances = boundInstances
        self.conditions = conditions
    }
}
