/// apps/v1 Deployment.
public struct Deployment: HasSpec, HasStatus {
    public static let group = "apps"
    public static let version = "v1"
    public static let kind = "Deployment"
    public static let plural = "deployments"
    public static let scope = ResourceScope.namespaced

    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: DeploymentSpec
    public var status: DeploymentStatus?

    public init(
        metadata: ObjectMeta = ObjectMeta(), spec: DeploymentSpec = DeploymentSpec(),
        status: DeploymentStatus? = nil
    ) {
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
        spec = try container.decodeIfPresent(DeploymentSpec.self, forKey: .spec) ?? DeploymentSpec()
        status = try container.decodeIfPresent(DeploymentStatus.self, forKey: .status)
    }
}

/// apps/v1 DeploymentSpec.
public struct DeploymentSpec: Codable, Hashable, Sendable {
    public var replicas: Int32?
    public var selector: LabelSelector?
    public var template: PodTemplateSpec
    public var strategy: DeploymentStrategy?
    public var minReadySeconds: Int32?
    public var revisionHistoryLimit: Int32?
    public var paused: Bool?
    public var progressDeadlineSeconds: Int32?

    public init(
        replicas: Int32? = nil, selector: LabelSelector? = nil, template: PodTemplateSpec = PodTemplateSpec(),
        strategy: DeploymentStrategy? = nil, minReadySeconds: Int32? = nil, revisionHistoryLimit: Int32? = nil,
        paused: Bool? = nil, progressDeadlineSeconds: Int32? = nil
    ) {
        self.replicas = replicas
        self.selector = selector
        self.template = template
        self.strategy = strategy
        self.minReadySeconds = minReadySeconds
        self.revisionHistoryLimit = revisionHistoryLimit
        self.paused = paused
        self.progressDeadlineSeconds = progressDeadlineSeconds
    }
}

/// apps/v1 DeploymentStrategy.
public struct DeploymentStrategy: Codable, Hashable, Sendable {
    public var type: DeploymentStrategyType?
    public var rollingUpdate: RollingUpdateDeployment?

    public init(type: DeploymentStrategyType? = nil, rollingUpdate: RollingUpdateDeployment? = nil) {
        self.type = type
        self.rollingUpdate = rollingUpdate
    }
}

/// apps/v1 DeploymentStrategyType.
public struct DeploymentStrategyType: OpenEnum {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let recreate: DeploymentStrategyType = "Recreate"
    public static let rollingUpdate: DeploymentStrategyType = "RollingUpdate"
    public static let knownValues: [DeploymentStrategyType] = [.recreate, .rollingUpdate]
}

/// apps/v1 RollingUpdateDeployment: absolute numbers or percentages ("25%").
public struct RollingUpdateDeployment: Codable, Hashable, Sendable {
    public var maxUnavailable: IntOrString?
    public var maxSurge: IntOrString?

    public init(maxUnavailable: IntOrString? = nil, maxSurge: IntOrString? = nil) {
        self.maxUnavailable = maxUnavailable
        self.maxSurge = maxSurge
    }
}

/// apps/v1 DeploymentStatus.
public struct DeploymentStatus: Codable, Hashable, Sendable {
    public var observedGeneration: Int64?
    public var replicas: Int32?
    public var updatedReplicas: Int32?
    public var readyReplicas: Int32?
    public var availableReplicas: Int32?
    public var unavailableReplicas: Int32?
    public var terminatingReplicas: Int32?
    @OmitEmpty public var conditions: [DeploymentCondition] = []
    public var collisionCount: Int32?

    public init(
        observedGeneration: Int64? = nil, replicas: Int32? = nil, updatedReplicas: Int32? = nil,
        readyReplicas: Int32? = nil, availableReplicas: Int32? = nil, unavailableReplicas: Int32? = nil,
        terminatingReplicas: Int32? = nil, conditions: [DeploymentCondition] = [], collisionCount: Int32? = nil
    ) {
        self.observedGeneration = observedGeneration
        self.replicas = replicas
        self.updatedReplicas = updatedReplicas
        self.readyReplicas = readyReplicas
        self.availableReplicas = availableReplicas
        self.unavailableReplicas = unavailableReplicas
        self.terminatingReplicas = terminatingReplicas
        self.conditions = conditions
        self.collisionCount = collisionCount
    }

    /// The condition of this type, if reported.
    public func condition(_ type: DeploymentConditionType) -> DeploymentCondition? {
        conditions.first { $0.type == type }
    }
}

/// apps/v1 DeploymentConditionType.
public struct DeploymentConditionType: OpenEnum {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let available: DeploymentConditionType = "Available"
    public static let progressing: DeploymentConditionType = "Progressing"
    public static let replicaFailure: DeploymentConditionType = "ReplicaFailure"
    public static let knownValues: [DeploymentConditionType] = [.available, .progressing, .replicaFailure]
}

/// apps/v1 DeploymentCondition.
public struct DeploymentCondition: Codable, Hashable, Sendable {
    public var type: DeploymentConditionType
    public var status: ConditionStatus
    public var lastUpdateTime: Time?
    public var lastTransitionTime: Time?
    public var reason: String?
    public var message: String?

    public init(
        type: DeploymentConditionType, status: ConditionStatus, lastUpdateTime: Time? = nil,
        lastTransitionTime: Time? = nil, reason: String? = nil, message: String? = nil
    ) {
        self.type = type
        self.status = status
        self.lastUpdateTime = lastUpdateTime
        self.lastTransitionTime = lastTransitionTime
        self.reason = reason
        self.message = message
    }
}
