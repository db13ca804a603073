/// core/v1 PodSpec.
public struct PodSpec: Codable, Hashable, Sendable {
    @OmitEmpty public var volumes: [Volume] = []
    @OmitEmpty public var initContainers: [Container] = []
    @OmitEmpty public var containers: [Container] = []
    public var restartPolicy: RestartPolicy?
    public var terminationGracePeriodSeconds: Int64?
    public var activeDeadlineSeconds: Int64?
    public var dnsPolicy: DNSPolicy?
    @OmitEmpty public var nodeSelector: [String: String] = [:]
    public var serviceAccountName: String?
    /// Deprecated alias of `serviceAccountName`.
    public var serviceAccount: String?
    public var automountServiceAccountToken: Bool?
    public var nodeName: String?
    public var hostNetwork: Bool?
    public var hostPID: Bool?
    public var hostIPC: Bool?
    public var shareProcessNamespace: Bool?
    public var securityContext: PodSecurityContext?
    @OmitEmpty public var imagePullSecrets: [LocalObjectReference] = []
    public var hostname: String?
    public var subdomain: String?
    /// core/v1 Affinity, kept opaque.
    public var affinity: JSONValue?
    public var schedulerName: String?
    @OmitEmpty public var tolerations: [Toleration] = []
    public var priorityClassName: String?
    public var priority: Int32?
    public var runtimeClassName: String?
    public var enableServiceLinks: Bool?
    public var preemptionPolicy: String?
    /// core/v1 TopologySpreadConstraint items, kept opaque.
    @OmitEmpty public var topologySpreadConstraints: [JSONValue] = []

    public init(
        volumes: [Volume] = [], initContainers: [Container] = [], containers: [Container] = [],
        restartPolicy: RestartPolicy? = nil, terminationGracePeriodSeconds: Int64? = nil,
        activeDeadlineSeconds: Int64? = nil, dnsPolicy: DNSPolicy? = nil, nodeSelector: [String: String] = [:],
        serviceAccountName: String? = nil, serviceAccount: String? = nil,
        automountServiceAccountToken: Bool? = nil, nodeName: String? = nil, hostNetwork: Bool? = nil,
        hostPID: Bool? = nil, hostIPC: Bool? = nil, shareProcessNamespace: Bool? = nil,
        securityContext: PodSecurityContext? = nil, imagePullSecrets: [LocalObjectReference] = [],
        hostname: String? = nil, subdomain: String? = nil, affinity: JSONValue? = nil,
        schedulerName: String? = nil, tolerations: [Toleration] = [], priorityClassName: String? = nil,
        priority: Int32? = nil, runtimeClassName: String? = nil, enableServiceLinks: Bool? = nil,
        preemptionPolicy: String? = nil, topologySpreadConstraints: [JSONValue] = []
    ) {
        self.volumes = volumes
        self.initContainers = initContainers
        self.containers = containers
        self.restartPolicy = restartPolicy
        self.terminationGracePeriodSeconds = terminationGracePeriodSeconds
        self.activeDeadlineSeconds = activeDeadlineSeconds
        self.dnsPolicy = dnsPolicy
        self.nodeSelector = nodeSelector
        self.serviceAccountName = serviceAccountName
        self.serviceAccount = serviceAccount
        self.automountServiceAccountToken = automountServiceAccountToken
        self.nodeName = nodeName
        self.hostNetwork = hostNetwork
        self.hostPID = hostPID
        self.hostIPC = hostIPC
        self.shareProcessNamespace = shareProcessNamespace
        self.securityContext = securityContext
        self.imagePullSecrets = imagePullSecrets
        self.hostname = hostname
        self.subdomain = subdomain
        self.affinity = affinity
        self.schedulerName = schedulerName
        self.tolerations = tolerations
        self.priorityClassName = priorityClassName
        self.priority = priority
        self.runtimeClassName = runtimeClassName
        self.enableServiceLinks = enableServiceLinks
        self.preemptionPolicy = preemptionPolicy
        self.topologySpreadConstraints = topologySpreadConstraints
    }
}

/// When the kubelet restarts a pod's containers.
public struct RestartPolicy: OpenEnum {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let always: RestartPolicy = "Always"
    public static let onFailure: RestartPolicy = "OnFailure"
    public static let never: RestartPolicy = "Never"
    public static let knownValues: [RestartPolicy] = [.always, .onFailure, .never]
}

/// How a pod's DNS resolution is configured.
public struct DNSPolicy: OpenEnum {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let clusterFirstWithHostNet: DNSPolicy = "ClusterFirstWithHostNet"
    public static let clusterFirst: DNSPolicy = "ClusterFirst"
    public static let `default`: DNSPolicy = "Default"
    public static let none: DNSPolicy = "None"
    public static let knownValues: [DNSPolicy] = [.clusterFirstWithHostNet, .clusterFirst, .default, .none]
}

/// core/v1 Toleration.
public struct Toleration: Codable, Hashable, Sendable {
    public var key: String?
    /// "Exists" or "Equal" (the default).
    public var `operator`: String?
    public var value: String?
    /// "NoSchedule", "PreferNoSchedule" or "NoExecute".
    public var effect: String?
    public var tolerationSeconds: Int64?

    public init(
        key: String? = nil, operator: String? = nil, value: String? = nil, effect: String? = nil,
        tolerationSeconds: Int64? = nil
    ) {
        self.key = key
        self.operator = `operator`
        self.value = value
        self.effect = effect
        self.tolerationSeconds = tolerationSeconds
    }
}
