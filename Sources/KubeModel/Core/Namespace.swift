/// core/v1 Namespace.
public struct Namespace: HasSpec, HasStatus {
    public static let group = ""
    public static let version = "v1"
    public static let kind = "Namespace"
    public static let plural = "namespaces"
    public static let scope = ResourceScope.cluster

    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: NamespaceSpec
    public var status: NamespaceStatus?

    public init(
        metadata: ObjectMeta = ObjectMeta(), spec: NamespaceSpec = NamespaceSpec(), status: NamespaceStatus? = nil
    ) {
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
        spec = try container.decodeIfPresent(NamespaceSpec.self, forKey: .spec) ?? NamespaceSpec()
        status = try container.decodeIfPresent(NamespaceStatus.self, forKey: .status)
    }
}

/// core/v1 NamespaceSpec.
public struct NamespaceSpec: Codable, Hashable, Sendable {
    /// Finalizers that must be cleared before the namespace is removed ("kubernetes").
    @OmitEmpty public var finalizers: [String] = []

    public init(finalizers: [String] = []) {
        self.finalizers = finalizers
    }
}

/// core/v1 NamespaceStatus.
public struct NamespaceStatus: Codable, Hashable, Sendable {
    public var phase: NamespacePhase?

    public init(phase: NamespacePhase? = nil) {
        self.phase = phase
    }
}

/// core/v1 NamespacePhase.
public struct NamespacePhase: OpenEnum {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let active: NamespacePhase = "Active"
    public static let terminating: NamespacePhase = "Terminating"
    public static let knownValues: [NamespacePhase] = [.active, .terminating]
}
