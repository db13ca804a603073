/// authorization.k8s.io/v1 SelfSubjectAccessReview: "may I do this?".
public struct SelfSubjectAccessReview: HasSpec, HasStatus {
    public static let group = "authorization.k8s.io"
    public static let version = "v1"
    public static let kind = "SelfSubjectAccessReview"
    public static let plural = "selfsubjectaccessreviews"
    public static let scope = ResourceScope.cluster

    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: SelfSubjectAccessReviewSpec
    public var status: SubjectAccessReviewStatus?

    public init(
        metadata: ObjectMeta = ObjectMeta(), spec: SelfSubjectAccessReviewSpec = SelfSubjectAccessReviewSpec(),
        status: SubjectAccessReviewStatus? = nil
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
        spec =
            try container.decodeIfPresent(SelfSubjectAccessReviewSpec.self, forKey: .spec)
            ?? SelfSubjectAccessReviewSpec()
        status = try container.decodeIfPresent(SubjectAccessReviewStatus.self, forKey: .status)
    }
}

/// authorization.k8s.io/v1 SelfSubjectAccessReviewSpec: exactly one of the attributes.
public struct SelfSubjectAccessReviewSpec: Codable, Hashable, Sendable {
    public var resourceAttributes: ResourceAttributes?
    public var nonResourceAttributes: NonResourceAttributes?

    public init(resourceAttributes: ResourceAttributes? = nil, nonResourceAttributes: NonResourceAttributes? = nil) {
        self.resourceAttributes = resourceAttributes
        self.nonResourceAttributes = nonResourceAttributes
    }
}

/// authorization.k8s.io/v1 SubjectAccessReview: "may this user do this?".
public struct SubjectAccessReview: HasSpec, HasStatus {
    public static let group = "authorization.k8s.io"
    public static let version = "v1"
    public static let kind = "SubjectAccessReview"
    public static let plural = "subjectaccessreviews"
    public static let scope = ResourceScope.cluster

    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: SubjectAccessReviewSpec
    public var status: SubjectAccessReviewStatus?

    public init(
        metadata: ObjectMeta = ObjectMeta(), spec: SubjectAccessReviewSpec = SubjectAccessReviewSpec(),
        status: SubjectAccessReviewStatus? = nil
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
        spec = try container.decodeIfPresent(SubjectAccessReviewSpec.self, forKey: .spec) ?? SubjectAccessReviewSpec()
        status = try container.decodeIfPresent(SubjectAccessReviewStatus.self, forKey: .status)
    }
}

/// authorization.k8s.io/v1 SubjectAccessReviewSpec: one of the attributes plus the subject.
public struct SubjectAccessReviewSpec: Codable, Hashable, Sendable {
    public var resourceAttributes: ResourceAttributes?
    public var nonResourceAttributes: NonResourceAttributes?
    public var user: String?
    @OmitEmpty public var groups: [String] = []
    @OmitEmpty public var extra: [String: [String]] = [:]
    public var uid: String?

    public init(
        resourceAttributes: ResourceAttributes? = nil, nonResourceAttributes: NonResourceAttributes? = nil,
        user: String? = nil, groups: [String] = [], extra: [String: [String]] = [:], uid: String? = nil
    ) {
        self.resourceAttributes = resourceAttributes
        self.nonResourceAttributes = nonResourceAttributes
        self.user = user
        self.groups = groups
        self.extra = extra
        self.uid = uid
    }
}

/// authorization.k8s.io/v1 ResourceAttributes: a request on an API resource.
public struct ResourceAttributes: Codable, Hashable, Sendable {
    public var namespace: String?
    public var verb: String?
    public var group: String?
    public var version: String?
    public var resource: String?
    public var subresource: String?
    public var name: String?

    public init(
        namespace: String? = nil, verb: String? = nil, group: String? = nil, version: String? = nil,
        resource: String? = nil, subresource: String? = nil, name: String? = nil
    ) {
        self.namespace = namespace
        self.verb = verb
        self.group = group
        self.version = version
        self.resource = resource
        self.subresource = subresource
        self.name = name
    }
}

/// authorization.k8s.io/v1 NonResourceAttributes: a request on a non-resource path.
public struct NonResourceAttributes: Codable, Hashable, Sendable {
    public var path: String?
    public var verb: String?

    public init(path: String? = nil, verb: String? = nil) {
        self.path = path
        self.verb = verb
    }
}

/// authorization.k8s.io/v1 SubjectAccessReviewStatus.
public struct SubjectAccessReviewStatus: Codable, Hashable, Sendable {
    public var allowed: Bool
    /// True only when an authorizer explicitly denied; `allowed` false alone means "no opinion".
    public var denied: Bool?
    public var reason: String?
    public var evaluationError: String?

    public init(allowed: Bool, denied: Bool? = nil, reason: String? = nil, evaluationError: String? = nil) {
        self.allowed = allowed
        self.denied = denied
        self.reason = reason
        self.evaluationError = evaluationError
    }
}
