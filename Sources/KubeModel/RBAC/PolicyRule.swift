/// rbac.authorization.k8s.io/v1 PolicyRule.
public struct PolicyRule: Codable, Hashable, Sendable {
    /// "get", "list", "watch", "create", "update", "patch", "delete", "deletecollection" or "*".
    @OmitEmpty public var verbs: [String] = []
    /// "" names the core group; "*" all groups.
    @OmitEmpty public var apiGroups: [String] = []
    /// Plurals, optionally with a subresource ("pods/log"); "*" all.
    @OmitEmpty public var resources: [String] = []
    @OmitEmpty public var resourceNames: [String] = []
    /// Non-resource paths ("/healthz", "/api/*"); only in cluster roles.
    @OmitEmpty public var nonResourceURLs: [String] = []

    public init(
        verbs: [String] = [], apiGroups: [String] = [], resources: [String] = [], resourceNames: [String] = [],
        nonResourceURLs: [String] = []
    ) {
        self.verbs = verbs
        self.apiGroups = apiGroups
        self.resources = resources
        self.resourceNames = resourceNames
        self.nonResourceURLs = nonResourceURLs
    }
}
