import KubeModel

/// Kubernetes' RBAC authorizer as a pure value over the current Roles,
/// ClusterRoles, RoleBindings and ClusterRoleBindings.
///
/// ClusterRoleBindings grant everywhere; RoleBindings grant within their
/// namespace, whether they reference a Role or a ClusterRole. Bindings are
/// visited in name order (cluster bindings first), so decisions and their
/// reasons are deterministic. `system:admin` and members of `system:masters`
/// are always allowed. Aggregation rules are not evaluated: an aggregated
/// ClusterRole grants the rules it carries.
public struct RBACAuthorizer: Sendable {
    private struct NamespacedName: Hashable, Sendable {
        var namespace: String
        var name: String
    }

    private var roles: [NamespacedName: Role] = [:]
    private var clusterRoles: [String: ClusterRole] = [:]
    /// Per namespace, sorted by name.
    private var roleBindings: [String: [RoleBinding]] = [:]
    /// Sorted by name.
    private var clusterRoleBindings: [ClusterRoleBinding] = []

    public init(
        roles: [Role] = [], clusterRoles: [ClusterRole] = [], roleBindings: [RoleBinding] = [],
        clusterRoleBindings: [ClusterRoleBinding] = []
    ) {
        for role in roles { upsert(role) }
        for clusterRole in clusterRoles { upsert(clusterRole) }
        for binding in roleBindings { upsert(binding) }
        for binding in clusterRoleBindings { upsert(binding) }
    }

    // MARK: - Updates

    public mutating func upsert(_ role: Role) {
        roles[NamespacedName(namespace: role.metadata.namespace ?? "", name: role.metadata.name ?? "")] = role
    }

    public mutating func upsert(_ clusterRole: ClusterRole) {
        clusterRoles[clusterRole.metadata.name ?? ""] = clusterRole
    }

    public mutating func upsert(_ binding: RoleBinding) {
        let namespace = binding.metadata.namespace ?? ""
        var list = roleBindings[namespace] ?? []
        Self.insertSorted(binding, into: &list)
        roleBindings[namespace] = list
    }

    public mutating func upsert(_ binding: ClusterRoleBinding) {
        Self.insertSorted(binding, into: &clusterRoleBindings)
    }

    public mutating func removeRole(namespace: String, name: String) {
        roles[NamespacedName(namespace: namespace, name: name)] = nil
    }

    public mutating func removeClusterRole(name: String) {
        clusterRoles[name] = nil
    }

    public mutating func removeRoleBinding(namespace: String, name: String) {
        roleBindings[namespace]?.removeAll { ($0.metadata.name ?? "") == name }
        if roleBindings[namespace]?.isEmpty == true { roleBindings[namespace] = nil }
    }

    public mutating func removeClusterRoleBinding(name: String) {
        clusterRoleBindings.removeAll { ($0.metadata.name ?? "") == name }
    }

    private static func insertSorted<T: KubernetesResource>(_ item: T, into list: inout [T]) {
        let name = item.metadata.name ?? ""
        if let index = list.firstIndex(where: { ($0.metadata.name ?? "") == name }) {
            list[index] = item
        } else {
            let index = list.firstIndex { ($0.metadata.name ?? "") > name } ?? list.endIndex
            list.insert(item, at: index)
        }
    }

    // MARK: - Decisions

    /// Allows the request when any rule granted to the user covers it;
    /// otherwise denies with the API server's forbidden message.
    public func authorize(_ attributes: RequestAttributes) -> AuthorizationDecision {
        if attributes.user.isSuperuser { return .allow() }
        var errors: [String] = []
        var allowedBy: String?
        visitRules(for: attributes.user, namespace: attributes.namespace) { source, rules, error in
            if let error { errors.append(error) }
            if let source, rules.contains(where: { $0.allows(attributes) }) {
                allowedBy = source
                return false
            }
            return true
        }
        if let allowedBy { return .allow(reason: "RBAC: allowed by " + allowedBy) }
        return .deny(attributes, reason: errors.isEmpty ? "" : "RBAC: " + Self.aggregate(errors))
    }

    /// Every rule granted to the user in the namespace ("" for cluster-wide
    /// grants only), plus the errors from bindings to missing roles: what a
    /// SelfSubjectRulesReview reports.
    public func rules(for user: RequestUser, namespace: String) -> (rules: [PolicyRule], errors: [String]) {
        var rules: [PolicyRule] = []
        var errors: [String] = []
        visitRules(for: user, namespace: namespace) { _, found, error in
            rules += found
            if let error { errors.append(error) }
            return true
        }
        return (rules, errors)
    }

    /// `DefaultRuleResolver.VisitRulesFor`: each applicable binding's rules,
    /// or an error when its role is missing. The visitor returns false to stop.
    private func visitRules(
        for user: RequestUser, namespace: String,
        _ visit: (_ source: String?, _ rules: [PolicyRule], _ error: String?) -> Bool
    ) {
        for binding in clusterRoleBindings {
            guard let subject = Self.subject(of: binding.subjects, matching: user, namespace: "") else { continue }
            switch referencedRules(binding.roleRef, namespace: "") {
            case .failure(let error):
                if !visit(nil, [], error.message) { return }
            case .success(let rules):
                let source =
                    "ClusterRoleBinding \(goQuoted(binding.metadata.name ?? "")) of \(binding.roleRef.kind) "
                    + "\(goQuoted(binding.roleRef.name)) to \(Self.describe(subject, bindingNamespace: ""))"
                if !visit(source, rules, nil) { return }
            }
        }
        guard !namespace.isEmpty else { return }
        for binding in roleBindings[namespace] ?? [] {
            guard let subject = Self.subject(of: binding.subjects, matching: user, namespace: namespace) else {
                continue
            }
            switch referencedRules(binding.roleRef, namespace: namespace) {
            case .failure(let error):
                if !visit(nil, [], error.message) { return }
            case .success(let rules):
                let source =
                    "RoleBinding \(goQuoted((binding.metadata.name ?? "") + "/" + namespace)) of "
                    + "\(binding.roleRef.kind) \(goQuoted(binding.roleRef.name)) to "
                    + Self.describe(subject, bindingNamespace: namespace)
                if !visit(source, rules, nil) { return }
            }
        }
    }

    private struct LookupError: Error {
        var message: String
    }

    private func referencedRules(_ ref: RoleRef, namespace: String) -> Result<[PolicyRule], LookupError> {
        switch ref.kind {
        case "Role":
            guard let role = roles[NamespacedName(namespace: namespace, name: ref.name)] else {
                return .failure(LookupError(message: "role.rbac.authorization.k8s.io \(goQuoted(ref.name)) not found"))
            }
            return .success(role.rules)
        case "ClusterRole":
            guard let role = clusterRoles[ref.name] else {
                return .failure(
                    LookupError(message: "clusterrole.rbac.authorization.k8s.io \(goQuoted(ref.name)) not found"))
            }
            return .success(role.rules)
        default:
            return .failure(LookupError(message: "unsupported role reference kind: \(goQuoted(ref.kind))"))
        }
    }

    /// The first subject naming the user. A ServiceAccount subject without a
    /// namespace means one in the binding's namespace.
    static func subject(of subjects: [Subject], matching user: RequestUser, namespace: String) -> Subject? {
        subjects.first { subject in
            switch subject.kind {
            case "User":
                return subject.name == user.name
            case "Group":
                return user.groups.contains(subject.name)
            case "ServiceAccount":
                let saNamespace = subject.namespace.flatMap { $0.isEmpty ? nil : $0 } ?? namespace
                guard !saNamespace.isEmpty else { return false }
                return user.name == RequestUser.serviceAccountUsername(namespace: saNamespace, name: subject.name)
            default:
                return false
            }
        }
    }

    private static func describe(_ subject: Subject, bindingNamespace: String) -> String {
        guard subject.kind == "ServiceAccount" else { return "\(subject.kind) \(goQuoted(subject.name))" }
        let namespace = subject.namespace.flatMap { $0.isEmpty ? nil : $0 } ?? bindingNamespace
        return "\(subject.kind) \(goQuoted(subject.name + "/" + namespace))"
    }

    /// `utilerrors.NewAggregate(...).Error()`: duplicates dropped, several in brackets.
    private static func aggregate(_ errors: [String]) -> String {
        var seen: Set<String> = []
        let unique = errors.filter { seen.insert($0).inserted }
        return unique.count == 1 ? unique[0] : "[" + unique.joined(separator: ", ") + "]"
    }
}
