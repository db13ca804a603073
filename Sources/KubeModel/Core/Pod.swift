/// core/v1 Pod.
public struct Pod: HasSpec, HasStatus {
    public static let group = ""
    public static let version = "v1"
    public static let kind = "Pod"
    public static let plural = "pods"
    public static let scope = ResourceScope.namespaced

    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: PodSpec
    public var status: PodStatus?

    public init(metadata: ObjectMeta = ObjectMeta(), spec: PodSpec = PodSpec(), status: PodStatus? = nil) {
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
        spec = try container.decodeIfPresent(PodSpec.self, forKey: .spec) ?? PodSpec()
        status = try container.decodeIfPresent(PodStatus.self, forKey: .status)
    }
}

/// The lifecycle phase of a pod.
public struct PodPhase: OpenEnum {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let pending: PodPhase = "Pending"
    public static let running: PodPhase = "Running"
    public static let succeeded: PodPhase = "Succeeded"
    public static let failed: PodPhase = "Failed"
    public static let unknown: PodPhase = "Unknown"
    public static let knownValues: [PodPhase] = [.pending, .running, .succeeded, .failed, .unknown]

    /// Succeeded or Failed: the pod's containers will not run again.
    public var isTerminal: Bool { self == .succeeded || self == .failed }
}

/// core/v1 PodTemplateSpec: the pod a workload controller creates.
public struct PodTemplateSpec: Codable, Hashable, Sendable {
    public var metadata: ObjectMeta
    public var spec: PodSpec

    public init(metadata: ObjectMeta = ObjectMeta(), spec: PodSpec = PodSpec()) {
        self.metadata = metadata
        self.spec = spec
    }

    private enum CodingKeys: String, CodingKey { case metadata, spec }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        metadata = try container.decodeIfPresent(ObjectMeta.self, forKey: .metadata) ?? ObjectMeta()
        spec = try container.decodeIfPresent(PodSpec.self, forKey: .spec) ?? PodSpec()
    }
}
