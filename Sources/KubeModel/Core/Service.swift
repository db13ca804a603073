/// core/v1 Service.
public struct Service: HasSpec, HasStatus {
    public static let group = ""
    public static let version = "v1"
    public static let kind = "Service"
    public static let plural = "services"
    public static let scope = ResourceScope.namespaced

    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: ServiceSpec
    public var status: ServiceStatus?

    public init(metadata: ObjectMeta = ObjectMeta(), spec: ServiceSpec = ServiceSpec(), status: ServiceStatus? = nil) {
        self.apiVersion = Self.apiVersion
        self.kind = Self.kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }

    private enum CodingKeys: String, CodingKey { case apiVersion, kind, metadata, spec, status }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        apiVersion = try container.decodeIfPresent(String.self, forKey: .apiVersion)
        kind = try container.decodeIfPresent(String.self, forKey: .kind)
        metadata = try container.decodeIfPresent(ObjectMeta.self, forKey: .metadata) ?? ObjectMeta()
        spec = try container.decodeIfPresent(ServiceSpec.self, forKey: .spec) ?? ServiceSpec()
        status = try container.decodeIfPresent(ServiceStatus.self, forKey: .status)
    }
}

/// core/v1 ServiceSpec.
public struct ServiceSpec: Codable, Hashable, Sendable {
    public var type: ServiceType?
    @OmitEmpty public var selector: [String: String] = [:]
    @OmitEmpty public var ports: [ServicePort] = []
    /// "None" for a headless service.
    public var clusterIP: String?
    @OmitEmpty public var clusterIPs: [String] = []
    @OmitEmpty public var externalIPs: [String] = []
    public var externalName: String?
    /// "None" or "ClientIP".
    public var sessionAffinity: String?
    /// "Cluster" or "Local".
    public var externalTrafficPolicy: String?
    /// "Cluster" or "Local".
    public var internalTrafficPolicy: String?
    @OmitEmpty public var ipFamilies: [String] = []
    /// "SingleStack", "PreferDualStack" or "RequireDualStack".
    public var ipFamilyPolicy: String?
    public var publishNotReadyAddresses: Bool?

    public init(
        type: ServiceType? = nil, selector: [String: String] = [:], ports: [ServicePort] = [],
        clusterIP: String? = nil, clusterIPs: [String] = [], externalIPs: [String] = [],
        externalName: String? = nil, sessionAffinity: String? = nil, externalTrafficPolicy: String? = nil,
        internalTrafficPolicy: String? = nil, ipFamilies: [String] = [], ipFamilyPolicy: String? = nil,
        publishNotReadyAddresses: Bool? = nil
    ) {
        self.type = type
        self.selector = selector
        self.ports = ports
        self.clusterIP = clusterIP
        self.clusterIPs = clusterIPs
        self.externalIPs = externalIPs
        self.externalName = externalName
        self.sessionAffinity = sessionAffinity
        self.externalTrafficPolicy = externalTrafficPolicy
        self.internalTrafficPolicy = internalTrafficPolicy
        self.ipFamilies = ipFamilies
        self.ipFamilyPolicy = ipFamilyPolicy
        self.publishNotReadyAddresses = publishNotReadyAddresses
    }
}

/// core/v1 ServiceType.
public struct ServiceType: OpenEnum {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let clusterIP: ServiceType = "ClusterIP"
    public static let nodePort: ServiceType = "NodePort"
    public static let loadBalancer: ServiceType = "LoadBalancer"
    public static let externalName: ServiceType = "ExternalName"
    public static let knownValues: [ServiceType] = [.clusterIP, .nodePort, .loadBalancer, .externalName]
}

/// core/v1 ServicePort.
public struct ServicePort: Codable, Hashable, Sendable {
    public var name: String?
    public var `protocol`: PortProtocol?
    public var appProtocol: String?
    public var port: Int32
    /// A port number or a named container port; defaults to `port`.
    public var targetPort: IntOrString?
    public var nodePort: Int32?

    public init(
        name: String? = nil, protocol: PortProtocol? = nil, appProtocol: String? = nil, port: Int32,
        targetPort: IntOrString? = nil, nodePort: Int32? = nil
    ) {
        self.name = name
        self.protocol = `protocol`
        self.appProtocol = appProtocol
        self.port = port
        self.targetPort = targetPort
        self.nodePort = nodePort
    }
}

/// core/v1 ServiceStatus.
public struct ServiceStatus: Codable, Hashable, Sendable {
    public var loadBalancer: LoadBalancerStatus?
    @OmitEmpty public var conditions: [Condition] = []

    public init(loadBalancer: LoadBalancerStatus? = nil, conditions: [Condition] = []) {
        self.loadBalancer = loadBalancer
        self.conditions = conditions
    }
}

/// core/v1 LoadBalancerStatus.
public struct LoadBalancerStatus: Codable, Hashable, Sendable {
    @OmitEmpty public var ingress: [LoadBalancerIngress] = []

    public init(ingress: [LoadBalancerIngress] = []) {
        self.ingress = ingress
    }
}

/// core/v1 LoadBalancerIngress.
public struct LoadBalancerIngress: Codable, Hashable, Sendable {
    public var ip: String?
    public var hostname: String?

    public init(ip: String? = nil, hostname: String? = nil) {
        self.ip = ip
        self.hostname = hostname
    }
}
