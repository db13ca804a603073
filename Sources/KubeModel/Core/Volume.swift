/// core/v1 Volume: a name and exactly one source.
///
/// Only the common sources are modelled; others are dropped on decode.
public struct Volume: Codable, Hashable, Sendable {
    public var name: String
    public var emptyDir: EmptyDirVolumeSource?
    public var configMap: ConfigMapVolumeSource?
    public var secret: SecretVolumeSource?
    public var projected: ProjectedVolumeSource?
    public var downwardAPI: DownwardAPIVolumeSource?
    public var persistentVolumeClaim: PersistentVolumeClaimVolumeSource?
    public var hostPath: HostPathVolumeSource?

    public init(
        name: String, emptyDir: EmptyDirVolumeSource? = nil, configMap: ConfigMapVolumeSource? = nil,
        secret: SecretVolumeSource? = nil, projected: ProjectedVolumeSource? = nil,
        downwardAPI: DownwardAPIVolumeSource? = nil,
        persistentVolumeClaim: PersistentVolumeClaimVolumeSource? = nil, hostPath: HostPathVolumeSource? = nil
    ) {
        self.name = name
        self.emptyDir = emptyDir
        self.configMap = configMap
        self.secret = secret
        self.projected = projected
        self.downwardAPI = downwardAPI
        self.persistentVolumeClaim = persistentVolumeClaim
        self.hostPath = hostPath
    }
}

/// core/v1 EmptyDirVolumeSource.
public struct EmptyDirVolumeSource: Codable, Hashable, Sendable {
    /// "" (node disk), "Memory" (tmpfs) or "HugePages".
    public var medium: String?
    public var sizeLimit: Quantity?

    public init(medium: String? = nil, sizeLimit: Quantity? = nil) {
        self.medium = medium
        self.sizeLimit = sizeLimit
    }
}

/// core/v1 KeyToPath: projects one key of a ConfigMap or Secret to a file.
public struct KeyToPath: Codable, Hashable, Sendable {
    public var key: String
    public var path: String
    public var mode: Int32?

    public init(key: String, path: String, mode: Int32? = nil) {
        self.key = key
        self.path = path
        self.mode = mode
    }
}

/// core/v1 ConfigMapVolumeSource.
public struct ConfigMapVolumeSource: Codable, Hashable, Sendable {
    public var name: String?
    @OmitEmpty public var items: [KeyToPath] = []
    public var defaultMode: Int32?
    public var optional: Bool?

    public init(name: String? = nil, items: [KeyToPath] = [], defaultMode: Int32? = nil, optional: Bool? = nil) {
        self.name = name
        self.items = items
        self.defaultMode = defaultMode
        self.optional = optional
    }
}

/// core/v1 SecretVolumeSource.
public struct SecretVolumeSource: Codable, Hashable, Sendable {
    public var secretName: String?
    @OmitEmpty public var items: [KeyToPath] = []
    public var defaultMode: Int32?
    public var optional: Bool?

    public init(
        secretName: String? = nil, items: [KeyToPath] = [], defaultMode: Int32? = nil, optional: Bool? = nil
    ) {
        self.secretName = secretName
        self.items = items
        self.defaultMode = defaultMode
        self.optional = optional
    }
}

/// core/v1 PersistentVolumeClaimVolumeSource.
public struct PersistentVolumeClaimVolumeSource: Codable, Hashable, Sendable {
    public var claimName: String
    public var readOnly: Bool?

    public init(claimName: String, readOnly: Bool? = nil) {
        self.claimName = claimName
        self.readOnly = readOnly
    }
}

/// core/v1 HostPathVolumeSource.
public struct HostPathVolumeSource: Codable, Hashable, Sendable {
    public var path: String
    /// "", "DirectoryOrCreate", "Directory", "FileOrCreate", "File", "Socket", "CharDevice" or "BlockDevice".
    public var type: String?

    public init(path: String, type: String? = nil) {
        self.path = path
        self.type = type
    }
}
