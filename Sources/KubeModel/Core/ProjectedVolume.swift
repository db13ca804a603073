/// core/v1 ProjectedVolumeSource: several sources merged into one directory.
public struct ProjectedVolumeSource: Codable, Hashable, Sendable {
    @OmitEmpty public var sources: [VolumeProjection] = []
    public var defaultMode: Int32?

    public init(sources: [VolumeProjection] = [], defaultMode: Int32? = nil) {
        self.sources = sources
        self.defaultMode = defaultMode
    }
}

/// core/v1 VolumeProjection: exactly one member.
public struct VolumeProjection: Codable, Hashable, Sendable {
    public var secret: SecretProjection?
    public var downwardAPI: DownwardAPIProjection?
    public var configMap: ConfigMapProjection?
    public var serviceAccountToken: ServiceAccountTokenProjection?

    public init(
        secret: SecretProjection? = nil, downwardAPI: DownwardAPIProjection? = nil,
        configMap: ConfigMapProjection? = nil, serviceAccountToken: ServiceAccountTokenProjection? = nil
    ) {
        self.secret = secret
        self.downwardAPI = downwardAPI
        self.configMap = configMap
        self.serviceAccountToken = serviceAccountToken
    }
}

/// core/v1 ConfigMapProjection.
public struct ConfigMapProjection: Codable, Hashable, Sendable {
    public var name: String?
    @OmitEmpty public var items: [KeyToPath] = []
    public var optional: Bool?

    public init(name: String? = nil, items: [KeyToPath] = [], optional: Bool? = nil) {
        self.name = name
        self.items = items
        self.optional = optional
    }
}

/// core/v1 SecretProjection.
public struct SecretProjection: Codable, Hashable, Sendable {
    public var name: String?
    @OmitEmpty public var items: [KeyToPath] = []
    public var optional: Bool?

    public init(name: String? = nil, items: [KeyToPath] = [], optional: Bool? = nil) {
        self.name = name
        self.items = items
        self.optional = optional
    }
}

/// core/v1 DownwardAPIProjection.
public struct DownwardAPIProjection: Codable, Hashable, Sendable {
    @OmitEmpty public var items: [DownwardAPIVolumeFile] = []

    public init(items: [DownwardAPIVolumeFile] = []) {
        self.items = items
    }
}

/// core/v1 ServiceAccountTokenProjection: a bound, expiring service account token file.
public struct ServiceAccountTokenProjection: Codable, Hashable, Sendable {
    public var audience: String?
    public var expirationSeconds: Int64?
    public var path: String

    public init(audience: String? = nil, expirationSeconds: Int64? = nil, path: String) {
        self.audience = audience
        self.expirationSeconds = expirationSeconds
        self.path = path
    }
}

/// core/v1 DownwardAPIVolumeSource.
public struct DownwardAPIVolumeSource: Codable, Hashable, Sendable {
    @OmitEmpty public var items: [DownwardAPIVolumeFile] = []
    public var defaultMode: Int32?

    public init(items: [DownwardAPIVolumeFile] = [], defaultMode: Int32? = nil) {
        self.items = items
        self.defaultMode = defaultMode
    }
}

/// core/v1 DownwardAPIVolumeFile: one file holding a pod field or a resource value.
public struct DownwardAPIVolumeFile: Codable, Hashable, Sendable {
    public var path: String
    public var fieldRef: ObjectFieldSelector?
    public var resourceFieldRef: ResourceFieldSelector?
    public var mode: Int32?

    public init(
        path: String, fieldRef: ObjectFieldSelector? = nil, resourceFieldRef: ResourceFieldSelector? = nil,
        mode: Int32? = nil
    ) {
        self.path = path
        self.fieldRef = fieldRef
        self.resourceFieldRef = resourceFieldRef
        self.mode = mode
    }
}
