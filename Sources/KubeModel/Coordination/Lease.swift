/// coordination.k8s.io/v1 Lease: the lock behind leader election.
public struct Lease: HasSpec {
    public static let group = "coordination.k8s.io"
    public static let version = "v1"
    public static let kind = "Lease"
    public static let plural = "leases"
    public static let scope = ResourceScope.namespaced

    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: LeaseSpec

    public init(metadata: ObjectMeta = ObjectMeta(), spec: LeaseSpec = LeaseSpec()) {
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
        spec = try container.decodeIfPresent(LeaseSpec.self, forKey: .spec) ?? LeaseSpec()
    }
}

/// coordination.k8s.io/v1 LeaseSpec.
public struct LeaseSpec: Codable, Hashable, Sendable {
    public var holderIdentity: String?
    public var leaseDurationSeconds: Int32?
    public var acquireTime: MicroTime?
    public var renewTime: MicroTime?
    public var leaseTransitions: Int32?
    /// Coordinated leader election strategy ("OldestEmulationVersion").
    public var strategy: String?
    public var preferredHolder: String?

    public init(
        holderIdentity: String? = nil, leaseDurationSeconds: Int32? = nil, acquireTime: MicroTime? = nil,
        renewTime: MicroTime? = nil, leaseTransitions: Int32? = nil, strategy: String? = nil,
        preferredHolder: String? = nil
    ) {
        self.holderIdentity = holderIdentity
        self.leaseDurationSeconds = leaseDurationSeconds
        self.acquireTime = acquireTime
        self.renewTime = renewTime
        self.leaseTransitions = leaseTransitions
        self.strategy = strategy
        self.preferredHolder = preferredHolder
    }
}
