import KubeModel

/// The authenticated identity making a request (`user.Info`).
public struct RequestUser: Hashable, Sendable {
    public static let serviceAccountUsernamePrefix = "system:serviceaccount:"
    public static let allServiceAccountsGroup = "system:serviceaccounts"
    public static let authenticatedGroup = "system:authenticated"
    public static let unauthenticatedGroup = "system:unauthenticated"
    public static let mastersGroup = "system:masters"
    public static let adminUsername = "system:admin"
    public static let anonymousUsername = "system:anonymous"

    public var name: String
    public var uid: String
    public var groups: [String]
    public var extra: [String: [String]]

    public init(name: String, uid: String = "", groups: [String] = [], extra: [String: [String]] = [:]) {
        self.name = name
        self.uid = uid
        self.groups = groups
        self.extra = extra
    }

    /// From a TokenReview / SubjectAccessReview `UserInfo`.
    public init(_ info: UserInfo) {
        self.init(name: info.username ?? "", uid: info.uid ?? "", groups: info.groups, extra: info.extra)
    }

    public var userInfo: UserInfo {
        UserInfo(username: name, uid: uid.isEmpty ? nil : uid, groups: groups, extra: extra)
    }

    /// A service account as the token authenticator presents it:
    /// `system:serviceaccount:<ns>:<name>` in `system:serviceaccounts`,
    /// `system:serviceaccounts:<ns>` and `system:authenticated`.
    public static func serviceAccount(namespace: String, name: String, uid: String = "") -> RequestUser {
        RequestUser(
            name: serviceAccountUsername(namespace: namespace, name: name), uid: uid,
            groups: [allServiceAccountsGroup, allServiceAccountsGroup + ":" + namespace, authenticatedGroup])
    }

    public static func serviceAccountUsername(namespace: String, name: String) -> String {
        serviceAccountUsernamePrefix + namespace + ":" + name
    }

    /// The namespace and name when this is a service account's username.
    public var serviceAccount: (namespace: String, name: String)? {
        guard name.hasPrefix(Self.serviceAccountUsernamePrefix) else { return nil }
        let parts = name.dropFirst(Self.serviceAccountUsernamePrefix.count).split(
            separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return nil }
        return (String(parts[0]), String(parts[1]))
    }

    /// `system:admin` or a member of `system:masters`: allowed everything.
    public var isSuperuser: Bool {
        name == Self.adminUsername || groups.contains(Self.mastersGroup)
    }
}
