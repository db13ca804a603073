import KubeModel

/// The outcome of authorizing a request.
public struct AuthorizationDecision: Hashable, Sendable {
    public var allowed: Bool
    /// Why: for RBAC allows `RBAC: allowed by ClusterRoleBinding "x" of
    /// ClusterRole "y" to User "z"`; for denials "" or `RBAC: role.rbac... "x"
    /// not found` when a binding points at a missing role. SubjectAccessReview
    /// reports it as `status.reason`.
    public var reason: String
    /// The API server's 403 message; "" when allowed.
    public var message: String
    /// The 403 `Status` body; nil when allowed.
    public var status: Status?

    public static func allow(reason: String = "") -> AuthorizationDecision {
        AuthorizationDecision(allowed: true, reason: reason, message: "", status: nil)
    }

    /// A denial with Kubernetes' wording, as `responsewriters.Forbidden` and
    /// `apierrors.NewForbidden` compose it:
    /// `pods "p" is forbidden: User "u" cannot get resource "pods" in API group "" in the namespace "ns"`.
    public static func deny(_ attributes: RequestAttributes, reason: String = "") -> AuthorizationDecision {
        var detail = forbiddenDetail(attributes)
        if !reason.isEmpty { detail += ": " + reason }
        let message: String
        let details: StatusDetails
        if attributes.isResourceRequest && !attributes.resource.isEmpty {
            let qualified =
                attributes.apiGroup.isEmpty ? attributes.resource : attributes.resource + "." + attributes.apiGroup
            message =
                attributes.name.isEmpty
                ? "\(qualified) is forbidden: \(detail)"
                : "\(qualified) \(goQuoted(attributes.name)) is forbidden: \(detail)"
            details = StatusDetails(
                name: attributes.name.isEmpty ? nil : attributes.name,
                group: attributes.apiGroup.isEmpty ? nil : attributes.apiGroup, kind: attributes.resource)
        } else {
            message = "forbidden: \(detail)"
            details = StatusDetails()
        }
        let status = Status(message: message, reason: .forbidden, details: details, code: 403)
        return AuthorizationDecision(allowed: false, reason: reason, message: message, status: status)
    }

    /// `responsewriters.forbiddenMessage`: the part after "is forbidden: ".
    public static func forbiddenDetail(_ attributes: RequestAttributes) -> String {
        let user = goQuoted(attributes.user.name)
        guard attributes.isResourceRequest else {
            return "User \(user) cannot \(attributes.verb) path \(goQuoted(attributes.path))"
        }
        let resource = goQuoted(attributes.combinedResource)
        let group = goQuoted(attributes.apiGroup)
        if !attributes.namespace.isEmpty {
            return "User \(user) cannot \(attributes.verb) resource \(resource) in API group \(group) "
                + "in the namespace \(goQuoted(attributes.namespace))"
        }
        return "User \(user) cannot \(attributes.verb) resource \(resource) in API group \(group) at the cluster scope"
    }
}
