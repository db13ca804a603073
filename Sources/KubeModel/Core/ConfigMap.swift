/// core/v1 ConfigMap.
public struct ConfigMap: KubernetesResource {
    public static let group = ""
    public static let version = "v1"
    public static let kind = "ConfigMap"
    public static let plural = "configmaps"
    public static let scope = ResourceScope.namespaced

    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    @OmitEmpty public var data: [String: String] = [:]
    /// Base64 text, exactly as on the wire.
    @OmitEmpty public var binaryData: [String: String] = [:]
    public var immutable: Bool?

    public init(
        metadata: ObjectMeta = ObjectMeta(), data: [String: String] = [:], binaryData: [String: String] = [:],
        immutable: Bool? = nil
    ) {
        self.apiVersion = Self.apiVersion
        self.kind = Self.kind
        self.metadata = metadata
        self.data = data
        self.binaryData = binaryData
        self.immutable = immutable
    }
}
