/// core/v1 Container.
public struct Container: Codable, Hashable, Sendable {
    public var name: String
    public var image: String?
    @OmitEmpty public var command: [String] = []
    @OmitEmpty public var args: [String] = []
    public var workingDir: String?
    @OmitEmpty public var ports: [ContainerPort] = []
    @OmitEmpty public var envFrom: [EnvFromSource] = []
    @OmitEmpty public var env: [EnvVar] = []
    public var resources: ResourceRequirements?
    /// "Always" makes an init container a restartable sidecar.
    public var restartPolicy: String?
    @OmitEmpty public var volumeMounts: [VolumeMount] = []
    public var livenessProbe: Probe?
    public var readinessProbe: Probe?
    public var startupProbe: Probe?
    public var terminationMessagePath: String?
    /// "File" or "FallbackToLogsOnError".
    public var terminationMessagePolicy: String?
    public var imagePullPolicy: PullPolicy?
    public var securityContext: SecurityContext?
    public var stdin: Bool?
    public var stdinOnce: Bool?
    public var tty: Bool?

    public init(
        name: String, image: String? = nil, command: [String] = [], args: [String] = [],
        workingDir: String? = nil, ports: [ContainerPort] = [], envFrom: [EnvFromSource] = [],
        env: [EnvVar] = [], resources: ResourceRequirements? = nil, restartPolicy: String? = nil,
        volumeMounts: [VolumeMount] = [], livenessProbe: Probe? = nil, readinessProbe: Probe? = nil,
        startupProbe: Probe? = nil, terminationMessagePath: String? = nil,
        terminationMessagePolicy: String? = nil, imagePullPolicy: PullPolicy? = nil,
        securityContext: SecurityContext? = nil, stdin: Bool? = nil, stdinOnce: Bool? = nil, tty: Bool? = nil
    ) {
        self.name = name
        self.image = image
        self.command = command
        self.args = args
        self.workingDir = workingDir
        self.ports = ports
        self.envFrom = envFrom
        self.env = env
        self.resources = resources
        self.restartPolicy = restartPolicy
        self.volumeMounts = volumeMounts
        self.livenessProbe = livenessProbe
        self.readinessProbe = readinessProbe
        self.startupProbe = startupProbe
        self.terminationMessagePath = terminationMessagePath
        self.terminationMessagePolicy = terminationMessagePolicy
        self.imagePullPolicy = imagePullPolicy
        self.securityContext = securityContext
        self.stdin = stdin
        self.stdinOnce = stdinOnce
        self.tty = tty
    }
}

/// When the kubelet pulls a container image.
public struct PullPolicy: OpenEnum {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let always: PullPolicy = "Always"
    public static let never: PullPolicy = "Never"
    public static let ifNotPresent: PullPolicy = "IfNotPresent"
    public static let knownValues: [PullPolicy] = [.always, .never, .ifNotPresent]
}

/// core/v1 Protocol: the transport of a port.
public struct PortProtocol: OpenEnum {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let tcp: PortProtocol = "TCP"
    public static let udp: PortProtocol = "UDP"
    public static let sctp: PortProtocol = "SCTP"
    public static let knownValues: [PortProtocol] = [.tcp, .udp, .sctp]
}

/// core/v1 ContainerPort.
public struct ContainerPort: Codable, Hashable, Sendable {
    public var name: String?
    public var hostPort: Int32?
    public var containerPort: Int32
    public var `protocol`: PortProtocol?
    public var hostIP: String?

    public init(
        name: String? = nil, hostPort: Int32? = nil, containerPort: Int32, protocol: PortProtocol? = nil,
        hostIP: String? = nil
    ) {
        self.name = name
        self.hostPort = hostPort
        self.containerPort = containerPort
        self.protocol = `protocol`
        self.hostIP = hostIP
    }
}

/// core/v1 ResourceRequirements: compute resources by name ("cpu", "memory", ...).
public struct ResourceRequirements: Codable, Hashable, Sendable {
    @OmitEmpty public var limits: [String: Quantity] = [:]
    @OmitEmpty public var requests: [String: Quantity] = [:]
    @OmitEmpty public var claims: [ResourceClaim] = []

    public init(limits: [String: Quantity] = [:], requests: [String: Quantity] = [:], claims: [ResourceClaim] = []) {
        self.limits = limits
        self.requests = requests
        self.claims = claims
    }
}

/// core/v1 ResourceClaim: one dynamic resource claim used by a container.
public struct ResourceClaim: Codable, Hashable, Sendable {
    public var name: String
    public var request: String?

    public init(name: String, request: String? = nil) {
        self.name = name
        self.request = request
    }
}

/// core/v1 VolumeMount.
public struct VolumeMount: Codable, Hashable, Sendable {
    public var name: String
    public var readOnly: Bool?
    public var mountPath: String
    public var subPath: String?
    /// "None", "HostToContainer" or "Bidirectional".
    public var mountPropagation: String?
    public var subPathExpr: String?

    public init(
        name: String, mountPath: String, readOnly: Bool? = nil, subPath: String? = nil,
        mountPropagation: String? = nil, subPathExpr: String? = nil
    ) {
        self.name = name
        self.readOnly = readOnly
        self.mountPath = mountPath
        self.subPath = subPath
        self.mountPropagation = mountPropagation
        self.subPathExpr = subPathExpr
    }
}
