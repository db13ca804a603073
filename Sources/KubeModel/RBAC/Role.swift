/// rbac.authorization.k8s.io/v1 Role: namespaced permissions.
public struct Role: KubernetesResource {
    public static let group = "rbac.authorization.k8s.io"
    public static let version = "v1"
    public static let kind = "Role"
    public static let plural = "roles"
    public static let scope = ResourceScope.namespaced

    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    @OmitEmpty public var rules: [PolicyRule] = []

    public init(metadata: ObjectMeta = ObjectMeta(), rules: [PolicyRule] = []) {
        self.apiVersion = Self.apiVersion
        self.kind = Self.kind
        self.metadata = metadata
        self.rules = rules
    }
}

/// rbac.authorization.k8s.io/v1 ClusterRole: cluster-wide permissions.
public struct ClusterRole: KubernetesResource {
    public static let group = "rbac.authorization.k8s.io"
    public static let version = "v1"
    public static let kind = "ClusterRole"
    public static let plural = "clusterroles"
    public static let scope = ResourceScope.cluster

    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    @OmitEmpty public var rules: [PolicyRule] = []
    /// When set, the controller manager fills `rules` from the selected cluster roles.
    public var aggregationRule: AggregationRule?

    public init(
        metadata: ObjectMeta = ObjectMeta(), rules: [PolicyRule] = [], aggregationRule: AggregationRule? = nil
    ) {
        self.apiVersion = Self.apiVersion
        self.kind = Self.kind
        self.metadata = metadata
        self.rules = rules
        self.aggregationRule = aggregationRule
    }
}

/// rbac.authorization.k8s.io/v1 AggregationRule.
public struct AggregationRule: Codable, Hashable, Sendable {
    @OmitEmpty public var clusterRoleSelectors: [LabelSelector] = []

    public init(clusterRoleSelectors: [LabelSelector] = []) {
        self.clusterRoleSelectors = clusterRoleSelectors
    }
}
