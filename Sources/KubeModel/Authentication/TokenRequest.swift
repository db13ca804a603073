/// authentication.k8s.io/v1 TokenRequest: asks for a token of a service account
/// (POSTed to the serviceaccounts/token subresource).
public struct TokenRequest: HasSpec, HasStatus {
    public static let group = "authentication.k8s.io"
    public static let version = "v1"
    public static let kind = "TokenRequest"
    public static let plural = "tokenrequests"
    public static let scope = ResourceScope.namespaced

    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: TokenRequestSpec
    public var status: TokenRequestStatus?

    public init(
        metadata: ObjectMeta = ObjectMeta(), spec: TokenRequestSpec = TokenRequestSpec(),
        status: TokenRequestStatus? = nil
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
        spec = try container.decodeIfPresent(TokenRequestSpec.self, forKey: .spec) ?? TokenRequestSpec()
        status = try container.decodeIfPresent(TokenRequestStatus.self, forKey: .status)
    }
}

/// authentication.k8s.io/v1 TokenRequestSpec.
public struct TokenRequestSpec: Codable, Hashable, Sendable {
    /// Intended audiences; empty means the API server's own.
    @OmitEmpty public var audiences: [String] = []
    public var expirationSeconds: Int64?
    public var boundObjectRef: BoundObjectReference?

    public init(
        audiences: [String] = [], expirationSeconds: Int64? = nil, boundObjectRef: BoundObjectReference? = nil
    ) {
        self.audiences = audiences
        self.expirationSeconds = expirationSeconds
        self.boundObjectRef = boundObjectRef
    }
}

/// authentication.k8s.io/v1 BoundObjectReference: the object (Pod, Secret, Node)
/// whose deletion invalidates the token.
public struct BoundObjectReference: Codable, Hashable, Sendable {
    public var kind: String?
    public var apiVersion: String?
    public var name: String?
    public var uid: String?

    public init(kind: String? = nil, apiVersion: String? = nil, name: String? = nil, uid: String? = nil) {
        self.kind = kind
        self.apiVersion = apiVersion
        self.name = name
        self.uid = uid
    }
}

/// authentication.k8s.io/v1 TokenRequestStatus.
public struct TokenRequestStatus: Codable, Hashable, Sendable {
    public var token: String
    public var expirationTimestamp: Time

    public init(token: String, expirationTimestamp: Time) {
        self.token = token
        self.expirationTimestamp = expirationTimestamp
    }
}
