import KubeModel

/// Everything the server knows about one served resource.
public struct ResourceType: Sendable {
    public var group: String
    public var version: String
    public var kind: String
    public var plural: String
    public var singular: String
    public var namespaced: Bool
    public var shortNames: [String] = []
    public var categories: [String] = []
    /// Subresources served under the resource ("status", "log", "token").
    public var subresources: [String] = []
    public var verbs: [String] = ResourceType.standardVerbs
    /// Schema of a custom resource; nil for built-in kinds.
    public var schema: StructuralSchema?
    public var printerColumns: [CustomResourceColumnDefinition] = []
    /// Create-only kinds (reviews) are never stored.
    public var isVirtual = false

    public static let standardVerbs = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"]

    public init(
        group: String, version: String, kind: String, plural: String, namespaced: Bool, shortNames: [String] = [],
        categories: [String] = [], subresources: [String] = []
    ) {
        self.group = group
        self.version = version
        self.kind = kind
        self.plural = plural
        self.singular = kind.lowercased()
        self.namespaced = namespaced
        self.shortNames = shortNames
        self.categories = categories
        self.subresources = subresources
    }

    public var key: ResourceKey { ResourceKey(group: group, resource: plural) }
    public var apiVersion: String { group.isEmpty ? version : "\(group)/\(version)" }
    public var groupVersion: String { apiVersion }
    public var hasStatus: Bool { subresources.contains("status") }
    public var isCustom: Bool { schema != nil }
    public var listKind: String { kind + "List" }
}

extension ResourceType {
    init<R: KubernetesResource>(
        _ type: R.Type, shortNames: [String] = [], categories: [String] = [], subresources: [String] = []
    ) {
        self.init(
            group: R.group, version: R.version, kind: R.kind, plural: R.plural, namespaced: R.scope == .namespaced,
            shortNames: shortNames, categories: categories, subresources: subresources)
    }

    /// The built-in kinds the embedded control plane serves.
    static let builtins: [ResourceType] = {
        var types: [ResourceType] = [
            ResourceType(Namespace.self, shortNames: ["ns"], subresources: ["status", "finalize"]),
            ResourceType(ConfigMap.self, shortNames: ["cm"]),
            ResourceType(Secret.self),
            ResourceType(ServiceAccount.self, shortNames: ["sa"], subresources: ["token"]),
            ResourceType(Pod.self, shortNames: ["po"], categories: ["all"], subresources: ["status", "log"]),
            ResourceType(Event.self, shortNames: ["ev"]),
            ResourceType(Service.self, shortNames: ["svc"], categories: ["all"], subresources: ["status"]),
            ResourceType(Deployment.self, shortNames: ["deploy"], categories: ["all"], subresources: ["status"]),
            ResourceType(Job.self, categories: ["all"], subresources: ["status"]),
            // Stored and served for manifests that include them (`sympozium install`);
            // no controller runs StatefulSets and no webhook is called in embedded mode.
            ResourceType(
                group: "apps", version: "v1", kind: "StatefulSet", plural: "statefulsets", namespaced: true, shortNames: ["sts"],
                categories: ["all"], subresources: ["status"]),
            ResourceType(ValidatingWebhookConfiguration.self),
            ResourceType(MutatingWebhookConfiguration.self),
            ResourceType(Role.self),
            ResourceType(RoleBinding.self),
            ResourceType(ClusterRole.self),
            ResourceType(ClusterRoleBinding.self),
            ResourceType(NetworkPolicy.self, shortNames: ["netpol"]),
            ResourceType(Lease.self),
            ResourceType(CustomResourceDefinition.self, shortNames: ["crd", "crds"], subresources: ["status"]),
        ]
        for review in [
            ResourceType(SelfSubjectAccessReview.self), ResourceType(SubjectAccessReview.self),
            ResourceType(TokenReview.self),
        ] {
            var review = review
            review.verbs = ["create"]
            review.isVirtual = true
            types.append(review)
        }
        return types
    }()
}
