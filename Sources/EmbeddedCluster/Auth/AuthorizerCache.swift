import APIMachinery
import KubeModel

/// RBAC decisions over the current Roles and bindings; the authorizer is
/// rebuilt only when something in rbac.authorization.k8s.io changed.
public actor AuthorizerCache {
    // Reads the store's RBAC version atomically; rebuilds only after RBAC writes.
    static let rbacGroup = "rbac.authorization.k8s.io"

    let store: ObjectStore
    private var builtAt: Int64 = -1
    private var authorizer = RBACAuthorizer()

    public init(store: ObjectStore) {
        self.store = store
    }

    func current() async -> RBACAuthorizer {
        let version = store.rbacVersion.load(ordering: .acquiring)
        if version != builtAt || builtAt < 0 {
            authorizer = RBACAuthorizer(
                roles: await decoded(Role.self), clusterRoles: await decoded(ClusterRole.self),
                roleBindings: await decoded(RoleBinding.self), clusterRoleBindings: await decoded(ClusterRoleBinding.self))
            builtAt = version
        }
        return authorizer
    }

    private func decoded<R: KubernetesResource>(_ type: R.Type) async -> [R] {
        await store.list(ResourceKey(group: R.group, resource: R.plural)).items.compactMap {
            try? $0.object().decode(as: R.self)
        }
    }

    public func decide(_ attributes: RequestAttributes) async -> AuthorizationDecision {
        // system:masters is allowed everything; no need to consult (or rebuild) RBAC.
        if attributes.user.isSuperuser { return .allow(reason: "system:masters") }
        return await current().authorize(attributes)
    }

    /// Throws 403 with Kubernetes' message when RBAC does not allow the request.
    func authorize(user: RequestUser, info: RequestInfo) async throws {
        let attributes = Self.attributes(user: user, info: info)
        let decision = await decide(attributes)
        if !decision.allowed {
            throw APIError(decision.status ?? Status(message: decision.message, reason: .forbidden, code: 403))
        }
    }

    static func attributes(user: RequestUser, info: RequestInfo) -> RequestAttributes {
        guard info.isResourceRequest else {
            return RequestAttributes(user: user, verb: info.verb == "head" ? "get" : info.verb, path: info.path)
        }
        return RequestAttributes(
            user: user, verb: info.verb, apiGroup: info.group, apiVersion: info.version, resource: info.resource,
            subresource: info.subresource ?? "", namespace: info.namespace ?? "", name: info.name ?? "",
            path: info.path)
    }

    /// Acting as another user (kubectl --as): allowed to whoever may "impersonate" that user.
    func impersonate(_ name: String, groups: [String], by user: RequestUser) async throws -> RequestUser {
        var target: RequestUser
        if name.hasPrefix(RequestUser.serviceAccountUsernamePrefix) {
            let parts = name.dropFirst(RequestUser.serviceAccountUsernamePrefix.count).split(separator: ":", maxSplits: 1)
            guard parts.count == 2 else { throw APIError.badRequest("invalid service account user name \"\(name)\"") }
            target = RequestUser.serviceAccount(namespace: String(parts[0]), name: String(parts[1]))
            let check = RequestAttributes(
                user: user, verb: "impersonate", resource: "serviceaccounts", namespace: String(parts[0]),
                name: String(parts[1]))
            guard await decide(check).allowed else {
                throw APIError.forbidden("serviceaccounts \"\(parts[1])\" is forbidden: User \"\(user.name)\" cannot impersonate resource \"serviceaccounts\" in API group \"\" in the namespace \"\(parts[0])\"")
            }
        } else {
            target = RequestUser(name: name, groups: [RequestUser.authenticatedGroup])
            let check = RequestAttributes(user: user, verb: "impersonate", resource: "users", name: name)
            guard await decide(check).allowed else {
                throw APIError.forbidden("users \"\(name)\" is forbidden: User \"\(user.name)\" cannot impersonate resource \"users\" in API group \"\" at the cluster scope")
            }
        }
        for group in groups where !target.groups.contains(group) {
            let check = RequestAttributes(user: user, verb: "impersonate", resource: "groups", name: group)
            guard await decide(check).allowed else {
                throw APIError.forbidden("groups \"\(group)\" is forbidden: User \"\(user.name)\" cannot impersonate resource \"groups\" in API group \"\" at the cluster scope")
            }
            target.groups.append(group)
        }
        return target
    }
}
