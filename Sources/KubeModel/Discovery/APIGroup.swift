/// metav1.APIGroup: a group and its served versions (from discovery).
public struct APIGroup: Codable, Hashable, Sendable {
    public var kind: String?
    public var apiVersion: String?
    public var name: String
    @OmitEmpty public var versions: [GroupVersionForDiscovery] = []
    public var preferredVersion: GroupVersionForDiscovery?
    @OmitEmpty public var serverAddressByClientCIDRs: [ServerAddressByClientCIDR] = []

    public init(
        name: String, versions: [GroupVersionForDiscovery] = [], preferredVersion: GroupVersionForDiscovery? = nil,
        serverAddressByClientCIDRs: [ServerAddressByClientCIDR] = []
    ) {
        self.kind = "APIGroup"
        self.apiVersion = "v1"
        self.name = name
        self.versions = versions
        self.preferredVersion = preferredVersion
        self.serverAddressByClientCIDRs = serverAddressByClientCIDRs
    }
}

/// metav1.GroupVersionForDiscovery.
public struct GroupVersionForDiscovery: Codable, Hashable, Sendable {
    /// "group/version".
    public var groupVersion: String
    public var version: String

    public init(groupVersion: String, version: String) {
        self.groupVersion = groupVersion
        self.version = version
    }
}

/// metav1.APIGroupList: `GET /apis`.
public struct APIGroupList: Codable, Hashable, Sendable {
    public var kind: String?
    public var apiVersion: String?
    @OmitEmpty public var groups: [APIGroup] = []

    public init(groups: [APIGroup] = []) {
        self.kind = "APIGroupList"
        self.apiVersion = "v1"
        self.groups = groups
    }
}

/// metav1.APIVersions: `GET /api` (the versions of the core group).
public struct APIVersions: Codable, Hashable, Sendable {
    public var kind: String?
    public var apiVersion: String?
    @OmitEmpty public var versions: [String] = []
    @OmitEmpty public var serverAddressByClientCIDRs: [ServerAddressByClientCIDR] = []

    public init(versions: [String] = [], serverAddressByClientCIDRs: [ServerAddressByClientCIDR] = []) {
        self.kind = "APIVersions"
        self.apiVersion = nil
        self.versions = versions
        self.serverAddressByClientCIDRs = serverAddressByClientCIDRs
    }
}

/// metav1.ServerAddressByClientCIDR.
public struct ServerAddressByClientCIDR: Codable, Hashable, Sendable {
    public var clientCIDR: String
    public var serverAddress: String

    public init(clientCIDR: String, serverAddress: String) {
        self.clientCIDR = clientCIDR
        self.serverAddress = serverAddress
    }
}
