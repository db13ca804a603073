/// core/v1 SecurityContext: per-container security settings.
public struct SecurityContext: Codable, Hashable, Sendable {
    public var capabilities: Capabilities?
    public var privileged: Bool?
    public var runAsUser: Int64?
    public var runAsGroup: Int64?
    public var runAsNonRoot: Bool?
    public var readOnlyRootFilesystem: Bool?
    public var allowPrivilegeEscalation: Bool?
    /// "Default" or "Unmasked".
    public var procMount: String?
    public var seccompProfile: SeccompProfile?

    public init(
        capabilities: Capabilities? = nil, privileged: Bool? = nil, runAsUser: Int64? = nil,
        runAsGroup: Int64? = nil, runAsNonRoot: Bool? = nil, readOnlyRootFilesystem: Bool? = nil,
        allowPrivilegeEscalation: Bool? = nil, procMount: String? = nil, seccompProfile: SeccompProfile? = nil
    ) {
        self.capabilities = capabilities
        self.privileged = privileged
        self.runAsUser = runAsUser
        self.runAsGroup = runAsGroup
        self.runAsNonRoot = runAsNonRoot
        self.readOnlyRootFilesystem = readOnlyRootFilesystem
        self.allowPrivilegeEscalation = allowPrivilegeEscalation
        self.procMount = procMount
        self.seccompProfile = seccompProfile
    }
}

/// core/v1 PodSecurityContext: security settings for every container of a pod.
public struct PodSecurityContext: Codable, Hashable, Sendable {
    public var runAsUser: Int64?
    public var runAsGroup: Int64?
    public var runAsNonRoot: Bool?
    @OmitEmpty public var supplementalGroups: [Int64] = []
    public var fsGroup: Int64?
    /// "OnRootMismatch" or "Always".
    public var fsGroupChangePolicy: String?
    public var seccompProfile: SeccompProfile?

    public init(
        runAsUser: Int64? = nil, runAsGroup: Int64? = nil, runAsNonRoot: Bool? = nil,
        supplementalGroups: [Int64] = [], fsGroup: Int64? = nil, fsGroupChangePolicy: String? = nil,
        seccompProfile: SeccompProfile? = nil
    ) {
        self.runAsUser = runAsUser
        self.runAsGroup = runAsGroup
        self.runAsNonRoot = runAsNonRoot
        self.supplementalGroups = supplementalGroups
        self.fsGroup = fsGroup
        self.fsGroupChangePolicy = fsGroupChangePolicy
        self.seccompProfile = seccompProfile
    }
}

/// core/v1 Capabilities: POSIX capabilities ("NET_ADMIN", "ALL") to add or drop.
public struct Capabilities: Codable, Hashable, Sendable {
    @OmitEmpty public var add: [String] = []
    @OmitEmpty public var drop: [String] = []

    public init(add: [String] = [], drop: [String] = []) {
        self.add = add
        self.drop = drop
    }
}

/// core/v1 SeccompProfile.
public struct SeccompProfile: Codable, Hashable, Sendable {
    public var type: SeccompProfileType
    /// The profile file under the kubelet's seccomp directory; only with type Localhost.
    public var localhostProfile: String?

    public init(type: SeccompProfileType, localhostProfile: String? = nil) {
        self.type = type
        self.localhostProfile = localhostProfile
    }
}

public struct SeccompProfileType: OpenEnum {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let unconfined: SeccompProfileType = "Unconfined"
    public static let runtimeDefault: SeccompProfileType = "RuntimeDefault"
    public static let localhost: SeccompProfileType = "Localhost"
    public static let knownValues: [SeccompProfileType] = [.unconfined, .runtimeDefault, .localhost]
}
