/// authentication.k8s.io/v1 UserInfo: an authenticated identity.
public struct UserInfo: Codable, Hashable, Sendable {
    public var username: String?
    public var uid: String?
    @OmitEmpty public var groups: [String] = []
    @OmitEmpty public var extra: [String: [String]] = [:]

    public init(username: String? = nil, uid: String? = nil, groups: [String] = [], extra: [String: [String]] = [:]) {
        self.username = username
        self.uid = uid
        self.groups = groups
        self.extra = extra
    }
}
