import KubeModel

/// A bundle of Markdown skills, mounted into agent pods, optionally with a
/// sidecar that brings tools and gets RBAC scoped to each run.
public struct SkillPack: CustomResource {
    public static let kind = "SkillPack"
    public static let plural = "skillpacks"
    public static let shortNames = ["skp"]

    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: SkillPackSpec
    public var status: SkillPackStatus?

    public init(metadata: ObjectMeta, spec: SkillPackSpec, status: SkillPackStatus? = nil) {
        self.apiVersion = Self.apiVersion
        self.kind = Self.kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }
}

public struct SkillPackSpec: Codable, Hashable, Sendable {
    @OmitEmpty public var skills: [Skill] = []
    public var category: String?
    public var source: String?
    public var version: String?
    public var runtimeRequirements: RuntimeRequirements?
    public var sidecar: SkillSidecar?

    public init(
        skills: [Skill], category: String? = nil, source: String? = nil, version: String? = nil,
        runtimeRequirements: RuntimeRequirements? = nil, sidecar: SkillSidecar? = nil
    ) {
        self.skills = skills
        self.category = category
        self.source = source
        self.version = version
        self.runtimeRequirements = runtimeRequirements
        self.sidecar = sidecar
    }
}

/// One skill: a Markdown file the agent reads as instructions.
public struct Skill: Codable, Hashable, Sendable {
    public var name: String
    public var description: String?
    public var content: String
    public var requires: SkillRequirements?

    public init(name: String, description: String? = nil, content: String, requires: SkillRequirements? = nil) {
        self.name = name
        self.description = description
        self.content = content
        self.requires = requires
    }

    /// Key of this skill in the pack's ConfigMap.
    public var fileName: String { "\(name).md" }
}

public struct SkillRequirements: Codable, Hashable, Sendable {
    @OmitEmpty public var bins: [String] = []
    @OmitEmpty public var tools: [String] = []

    public init(bins: [String] = [], tools: [String] = []) {
        self.bins = bins
        self.tools = tools
    }
}

public struct RuntimeRequirements: Codable, Hashable, Sendable {
    public var image: String?
    public var minMemory: String?
    public var minCPU: String?
    public var sandbox: Bool?

    public init(image: String? = nil, minMemory: String? = nil, minCPU: String? = nil, sandbox: Bool? = nil) {
        self.image = image
        self.minMemory = minMemory
        self.minCPU = minCPU
        self.sandbox = sandbox
    }
}

/// A container injected into agent pods while this pack is active.
public struct SkillSidecar: Codable, Hashable, Sendable {
    public var image: String
    @OmitEmpty public var command: [String] = []
    @OmitEmpty public var env: [SidecarEnvVar] = []
    public var mountWorkspace: Bool?
    public var resources: SidecarResources?
    /// Namespaced rules: a Role and RoleBinding owned by the run.
    @OmitEmpty public var rbac: [RBACRule] = []
    /// Cluster rules: a ClusterRole and ClusterRoleBinding removed when the run ends.
    @OmitEmpty public var clusterRBAC: [RBACRule] = []

    public init(
        image: String, command: [String] = [], env: [SidecarEnvVar] = [], mountWorkspace: Bool? = nil,
        resources: SidecarResources? = nil, rbac: [RBACRule] = [], clusterRBAC: [RBACRule] = []
    ) {
        self.image = image
        self.command = command
        self.env = env
        self.mountWorkspace = mountWorkspace
        self.resources = resources
        self.rbac = rbac
        self.clusterRBAC = clusterRBAC
    }
}

public struct SidecarEnvVar: Codable, Hashable, Sendable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

public struct SidecarResources: Codable, Hashable, Sendable {
    public var cpu: String?
    public var memory: String?

    public init(cpu: String? = nil, memory: String? = nil) {
        self.cpu = cpu
        self.memory = memory
    }
}

public struct RBACRule: Codable, Hashable, Sendable {
    public var apiGroups: [String]
    public var resources: [String]
    public var verbs: [String]

    public init(apiGroups: [String], resources: [String], verbs: [String]) {
        self.apiGroups = apiGroups
        self.resources = resources
        self.verbs = verbs
    }
}

public struct SkillPackStatus: Codable, Hashable, Sendable {
    public var phase: String?
    public var configMapName: String?
    public var skillCount: Int?
    @OmitEmpty public var conditions: [Condition] = []

    public init(phase: String? = nil, configMapName: String? = nil, skillCount: Int? = nil, conditions: [Condition] = []) {
        self.phase = phase
        self.configMapName = configMapName
        self.skillCount = skillCount
        self.conditions = conditions
    }
}
