/// rbac.authorization.k8s.io/v1 RoleBinding: grants a Role or ClusterRole within a namespace.
public struct RoleBinding: KubernetesResource {
    public static let group = "rbac.authorization.k8s.io"
    public static let version = "v1"
    public static let kind = "RoleBinding"
    public static let plural = "rolebindings"
    public static let scope = ResourceScope.namespaced

    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    @OmitEmpty public var subjects: [Subject] = []
    public var roleRef: RoleRef

    public init(metadata: ObjectMeta = ObjectMeta(), subjects: [Subject] = [], roleRef: RoleRef) {
        self.apiVersion = Self.apiVersion
        self.kind = Self.kind
        self.metadata = metadata
        self.subjects = subjects
        self.roleRef = roleRef
    }
}

/// rbac.authorization.k8s.io/v1 ClusterRoleBinding: grants a ClusterRole cluster-wide.
public struct ClusterRoleBinding: KubernetesResource {
    public static let group = "rbac.authorization.k8s.io"
    public static let version = "v1"
    public static let kind = "ClusterRoleBinding"
    public static let plural = "clusterrolebindings"
    public static let scope = ResourceScope.cluster

    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    @OmitEmpty public var subjects: [Subject] = []
    public var roleRef: RoleRef

    public init(metadata: ObjectMeta = ObjectMeta(), subjects: [Subject] = [], roleRef: RoleRef) {
        self.apiVersion = Self.apiVersion
        self.kind = Self.kind
        self.metadata = metadata
        self.subjects = subjects
        self.roleRef = roleRef
    }
}

/// rbac.authorization.k8s.io/v1 Subject: a user, group or service account.
public struct Subject: Codable, Hashable, Sendable {
    /// "User", "Group" or "ServiceAccount".
    public var kind: String
    /// "" for service accounts, "rbac.authorization.k8s.io" for users and groups.
    public var apiGroup: String?
    public var name: String
    /// Only for service accounts.
    public var namespace: String?

    public init(kind: String, apiGroup: String? = nil, name: String, namespace: String? = nil) {
        self.kind = kind
        self.apiGroup = apiGroup
        self.name = name
        self.namespace = namespace
    }

    public static func serviceAccount(_ name: String, namespace: String) -> Subject {
        Subject(kind: "ServiceAccount", name: name, namespace: namespace)
    }

    public static func user(_ name: String) -> Subject {
        Subject(kind: "User", apiGroup: "rbac.authorization.k8s.io", name: name)
    }

    public static func group(_ name: String) -> Subject {
        Subject(kind: "Group", apiGroup: "rbac.authorization.k8s.io", name: name)
    }
}

/// rbac.authorization.k8s.io/v1 RoleRef: the role a binding grants.
public struct RoleRef: Codable, Hashable, Sendable {
    public var apiGroup: String
    /// "Role" or "ClusterRole".
    public var kind: String
    public var name: String

    public init(apiGroup: String = "rbac.authorization.k8s.io", kind: String, name: String) {
        self.apiGroup = apiGroup
        self.kind = kind
        self.name = name
    }
}
