/// metav1.APIResource: one resource served in a group version (from discovery).
public struct APIResource: Codable, Hashable, Sendable {
    /// The plural, with "/subresource" for subresources ("pods/log").
    public var name: String
    public var singularName: String?
    public var namespaced: Bool
    /// Set only when it differs from the enclosing list's group.
    public var group: String?
    /// Set only when it differs from the enclosing list's version.
    public var version: String?
    public var kind: String
    @OmitEmpty public var verbs: [String] = []
    @OmitEmpty public var shortNames: [String] = []
    @OmitEmpty public var categories: [String] = []
    public var storageVersionHash: String?

    public init(
        name: String, singularName: String? = nil, namespaced: Bool, group: String? = nil, version: String? = nil,
        kind: String, verbs: [String] = [], shortNames: [String] = [], categories: [String] = [],
        storageVersionHash: String? = nil
    ) {
        self.name = name
        self.singularName = singularName
        self.namespaced = namespaced
        self.group = group
        self.version = version
        self.kind = kind
        self.verbs = verbs
        self.shortNames = shortNames
        self.categories = categories
        self.storageVersionHash = storageVersionHash
    }

    /// Whether this entry is a subresource ("pods/status").
    public var isSubresource: Bool { name.contains("/") }
}

/// metav1.APIResourceList: the resources of one group version (`GET /apis/<group>/<version>`).
public struct APIResourceList: Codable, Hashable, Sendable {
    public var kind: String?
    public var apiVersion: String?
    /// "v1" or "group/version".
    public var groupVersion: String
    @OmitEmpty public var resources: [APIResource] = []

    public init(groupVersion: String, resources: [APIResource] = []) {
        self.kind = "APIResourceList"
        self.apiVersion = "v1"
        self.groupVersion = groupVersion
        self.resources = resources
    }
}
