/// core/v1 ServiceAccount.
public struct ServiceAccount: KubernetesResource {
    public static let group = ""
    public static let version = "v1"
    public static let kind = "ServiceAccount"
    public static let plural = "serviceaccounts"
    public static let scope = ResourceScope.namespaced

    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    @OmitEmpty public var secrets: [ObjectReference] = []
    @OmitEmpty public var imagePullSecrets: [LocalObjectReference] = []
    public var automountServiceAccountToken: Bool?

    public init(
        metadata: ObjectMeta = ObjectMeta(), secrets: [ObjectReference] = [],
        imagePullSecrets: [LocalObjectReference] = [], automountServiceAccountToken: Bool? = nil
    ) {
        self.apiVersion = Self.apiVersion
        self.kind = Self.kind
        self.metadata = metadata
        self.secrets = secrets
        self.imagePullSecrets = imagePullSecrets
        self.automountServiceAccountToken = automountServiceAccountToken
    }
}
