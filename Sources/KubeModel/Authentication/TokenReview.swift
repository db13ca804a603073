/// authentication.k8s.io/v1 TokenReview: asks the API server to authenticate a token.
public struct TokenReview: HasSpec, HasStatus {
    public static let group = "authentication.k8s.io"
    public static let version = "v1"
    public static let kind = "TokenReview"
    public static let plural = "tokenreviews"
    public static let scope = ResourceScope.cluster

    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: TokenReviewSpec
    public var status: TokenReviewStatus?

    public init(
        metadata: ObjectMeta = ObjectMeta(), spec: TokenReviewSpec = TokenReviewSpec(),
        status: TokenReviewStatus? = nil
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
        spec = try container.decodeIfPresent(TokenReviewSpec.self, forKey: .spec) ?? TokenReviewSpec()
        status = try container.decodeIfPresent(TokenReviewStatus.self, forKey: .status)
    }
}

/// authentication.k8s.io/v1 TokenReviewSpec.
public struct TokenReviewSpec: Codable, Hashable, Sendable {
    public var token: String?
    @OmitEmpty public var audiences: [String] = []

    public init(token: String? = nil, audiences: [String] = []) {
        self.token = token
        self.audiences = audiences
    }
}

/// authentication.k8s.io/v1 TokenReviewStatus.
public struct TokenReviewStatus: Codable, Hashable, Sendable {
    public var authenticated: Bool?
    public var user: UserInfo?
    /// The audiences the token is valid for (a subset of the requested ones).
    @OmitEmpty public var audiences: [String] = []
    public var error: String?

    public init(authenticated: Bool? = nil, user: UserInfo? = nil, audiences: [String] = [], error: String? = nil) {
        self.authenticated = authenticated
        self.user = user
        self.audiences = audiences
        self.error = error
    }
}
