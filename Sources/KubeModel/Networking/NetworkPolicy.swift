/// networking.k8s.io/v1 NetworkPolicy.
public struct NetworkPolicy: HasSpec {
    public static let group = "networking.k8s.io"
    public static let version = "v1"
    public static let kind = "NetworkPolicy"
    public static let plural = "networkpolicies"
    public static let scope = ResourceScope.namespaced

    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: NetworkPolicySpec

    public init(metadata: ObjectMeta = ObjectMeta(), spec: NetworkPolicySpec = NetworkPolicySpec()) {
        self.apiVersion = Self.apiVersion
        self.kind = Self.kind
        self.metadata = metadata
        self.spec = spec
    }

    private enum CodingKeys: String, CodingKey { case apiVersion, kind, metadata, spec }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        apiVersion = try container.decodeIfPresent(String.self, forKey: .apiVersion)
        kind = try container.decodeIfPresent(String.self, forKey: .kind)
        metadata = try container.decodeIfPresent(ObjectMeta.self, forKey: .metadata) ?? ObjectMeta()
        spec = try container.decodeIfPresent(NetworkPolicySpec.self, forKey: .spec) ?? NetworkPolicySpec()
    }
}

/// networking.k8s.io/v1 NetworkPolicySpec.
///
/// An empty `ingress` (or `egress`) list with the matching policy type denies
/// all such traffic; a list holding one empty rule allows all of it.
public struct NetworkPolicySpec: Codable, Hashable, Sendable {
    /// The pods the policy applies to; empty selects every pod in the namespace.
    public var podSelector: LabelSelector
    @OmitEmpty public var ingress: [NetworkPolicyIngressRule] = []
    @OmitEmpty public var egress: [NetworkPolicyEgressRule] = []
    @OmitEmpty public var policyTypes: [NetworkPolicyType] = []

    public init(
        podSelector: LabelSelector = LabelSelector(), ingress: [NetworkPolicyIngressRule] = [],
        egress: [NetworkPolicyEgressRule] = [], policyTypes: [NetworkPolicyType] = []
    ) {
        self.podSelector = podSelector
        self.ingress = ingress
        self.egress = egress
        self.policyTypes = policyTypes
    }

    private enum CodingKeys: String, CodingKey { case podSelector, ingress, egress, policyTypes }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        podSelector = try container.decodeIfPresent(LabelSelector.self, forKey: .podSelector) ?? LabelSelector()
        ingress = try container.decodeIfPresent([NetworkPolicyIngressRule].self, forKey: .ingress) ?? []
        egress = try container.decodeIfPresent([NetworkPolicyEgressRule].self, forKey: .egress) ?? []
        policyTypes = try container.decodeIfPresent([NetworkPolicyType].self, forKey: .policyTypes) ?? []
    }
}

/// networking.k8s.io/v1 PolicyType: "Ingress" or "Egress".
public struct NetworkPolicyType: OpenEnum {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let ingress: NetworkPolicyType = "Ingress"
    public static let egress: NetworkPolicyType = "Egress"
    public static let knownValues: [NetworkPolicyType] = [.ingress, .egress]
}

/// networking.k8s.io/v1 NetworkPolicyIngressRule: traffic matching `from` and `ports`
/// (an empty list matches everything).
public struct NetworkPolicyIngressRule: Codable, Hashable, Sendable {
    @OmitEmpty public var ports: [NetworkPolicyPort] = []
    @OmitEmpty public var from: [NetworkPolicyPeer] = []

    public init(ports: [NetworkPolicyPort] = [], from: [NetworkPolicyPeer] = []) {
        self.ports = ports
        self.from = from
    }
}

/// networking.k8s.io/v1 NetworkPolicyEgressRule: traffic matching `to` and `ports`
/// (an empty list matches everything).
public struct NetworkPolicyEgressRule: Codable, Hashable, Sendable {
    @OmitEmpty public var ports: [NetworkPolicyPort] = []
    @OmitEmpty public var to: [NetworkPolicyPeer] = []

    public init(ports: [NetworkPolicyPort] = [], to: [NetworkPolicyPeer] = []) {
        self.ports = ports
        self.to = to
    }
}

/// networking.k8s.io/v1 NetworkPolicyPeer: pods, namespaces, or an IP block.
public struct NetworkPolicyPeer: Codable, Hashable, Sendable {
    public var podSelector: LabelSelector?
    public var namespaceSelector: LabelSelector?
    public var ipBlock: IPBlock?

    public init(podSelector: LabelSelector? = nil, namespaceSelector: LabelSelector? = nil, ipBlock: IPBlock? = nil) {
        self.podSelector = podSelector
        self.namespaceSelector = namespaceSelector
        self.ipBlock = ipBlock
    }
}

/// networking.k8s.io/v1 IPBlock.
public struct IPBlock: Codable, Hashable, Sendable {
    public var cidr: String
    @OmitEmpty public var except: [String] = []

    public init(cidr: String, except: [String] = []) {
        self.cidr = cidr
        self.except = except
    }
}

/// networking.k8s.io/v1 NetworkPolicyPort.
public struct NetworkPolicyPort: Codable, Hashable, Sendable {
    public var `protocol`: PortProtocol?
    /// A port number or a named port; absent matches every port.
    public var port: IntOrString?
    /// With a numeric `port`, the last port of the range.
    public var endPort: Int32?

    public init(protocol: PortProtocol? = nil, port: IntOrString? = nil, endPort: Int32? = nil) {
        self.protocol = `protocol`
        self.port = port
        self.endPort = endPort
    }
}
