import APIMachinery
import KubeModel
import Testing

@Suite("RBAC authorizer")
struct AuthorizationRBACTests {
    static let sa = RequestUser.serviceAccount(namespace: "default", name: "sa")
    static let alice = RequestUser(name: "alice", groups: ["devs", "system:authenticated"])

    static let podReader = Role(
        metadata: ObjectMeta(name: "pod-reader", namespace: "default"),
        rules: [
            PolicyRule(verbs: ["get", "list", "watch"], apiGroups: [""], resources: ["pods", "pods/log"]),
            PolicyRule(verbs: ["get"], apiGroups: [""], resources: ["configmaps"], resourceNames: ["settings"]),
        ])
    static let deploymentScaler = ClusterRole(
        metadata: ObjectMeta(name: "scaler"),
        rules: [PolicyRule(verbs: ["get", "update"], apiGroups: ["apps"], resources: ["*/scale"])])
    static let secretAdmin = ClusterRole(
        metadata: ObjectMeta(name: "secret-admin"),
        rules: [PolicyRule(verbs: ["*"], apiGroups: ["*"], resources: ["secrets"])])
    static let healthz = ClusterRole(
        metadata: ObjectMeta(name: "health"), rules: [PolicyRule(verbs: ["get"], nonResourceURLs: ["/healthz", "/apis/*"])])

    static let authorizer = RBACAuthorizer(
        roles: [podReader],
        clusterRoles: [deploymentScaler, secretAdmin, healthz],
        roleBindings: [
            RoleBinding(
                metadata: ObjectMeta(name: "sa-reads-pods", namespace: "default"),
                subjects: [Subject(kind: "ServiceAccount", name: "sa")],  // namespace defaults to the binding's
                roleRef: RoleRef(kind: "Role", name: "pod-reader")),
            RoleBinding(
                metadata: ObjectMeta(name: "devs-scale", namespace: "team"),
                subjects: [.group("devs")], roleRef: RoleRef(kind: "ClusterRole", name: "scaler")),
        ],
        clusterRoleBindings: [
            ClusterRoleBinding(
                metadata: ObjectMeta(name: "alice-secrets"), subjects: [.user("alice")],
                roleRef: RoleRef(kind: "ClusterRole", name: "secret-admin")),
            ClusterRoleBinding(
                metadata: ObjectMeta(name: "everyone-health"), subjects: [.group("system:authenticated")],
                roleRef: RoleRef(kind: "ClusterRole", name: "health")),
        ])

    static func request(
        _ user: RequestUser, _ verb: String, _ resource: String, group: String = "", subresource: String = "",
        namespace: String = "", name: String = ""
    ) -> RequestAttributes {
        RequestAttributes(
            user: user, verb: verb, apiGroup: group, resource: resource, subresource: subresource,
            namespace: namespace, name: name)
    }

    @Test func roleBindingGrantsOnlyInItsNamespace() {
        let allowed = Self.authorizer.authorize(Self.request(Self.sa, "list", "pods", namespace: "default"))
        #expect(allowed.allowed)
        #expect(allowed.reason == #"RBAC: allowed by RoleBinding "sa-reads-pods/default" of Role "pod-reader" to ServiceAccount "sa/default""#)
        let elsewhere = Self.authorizer.authorize(Self.request(Self.sa, "list", "pods", namespace: "other"))
        #expect(!elsewhere.allowed)
        #expect(elsewhere.message == #"pods is forbidden: User "system:serviceaccount:default:sa" cannot list resource "pods" in API group "" in the namespace "other""#)
        let allNamespaces = Self.authorizer.authorize(Self.request(Self.sa, "list", "pods"))
        #expect(allNamespaces.message == #"pods is forbidden: User "system:serviceaccount:default:sa" cannot list resource "pods" in API group "" at the cluster scope"#)
    }

    @Test func deniedMessagesMatchKubernetes() {
        let list = Self.authorizer.authorize(Self.request(Self.sa, "delete", "pods", namespace: "default"))
        #expect(list.message == #"pods is forbidden: User "system:serviceaccount:default:sa" cannot delete resource "pods" in API group "" in the namespace "default""#)
        #expect(list.status?.code == 403)
        #expect(list.status?.reason == .forbidden)
        #expect(list.status?.details?.kind == "pods")
        let secrets = Self.authorizer.authorize(Self.request(Self.sa, "list", "secrets"))
        #expect(secrets.message == #"secrets is forbidden: User "system:serviceaccount:default:sa" cannot list resource "secrets" in API group "" at the cluster scope"#)
        let named = Self.authorizer.authorize(Self.request(Self.sa, "get", "secrets", namespace: "default", name: "token"))
        #expect(named.message == #"secrets "token" is forbidden: User "system:serviceaccount:default:sa" cannot get resource "secrets" in API group "" in the namespace "default""#)
        #expect(named.status?.details?.name == "token")
        let grouped = Self.authorizer.authorize(
            Self.request(Self.sa, "list", "deployments", group: "apps", namespace: "default"))
        #expect(grouped.message == #"deployments.apps is forbidden: User "system:serviceaccount:default:sa" cannot list resource "deployments" in API group "apps" in the namespace "default""#)
        let path = Self.authorizer.authorize(RequestAttributes(user: Self.sa, verb: "get", path: "/metrics"))
        #expect(path.message == #"forbidden: User "system:serviceaccount:default:sa" cannot get path "/metrics""#)
    }

    @Test func subresourcesAndScaleWildcard() {
        let log = Self.authorizer.authorize(
            Self.request(Self.sa, "get", "pods", subresource: "log", namespace: "default", name: "web"))
        #expect(log.allowed)
        let exec = Self.authorizer.authorize(
            Self.request(Self.sa, "create", "pods", subresource: "exec", namespace: "default", name: "web"))
        #expect(exec.message == #"pods "web" is forbidden: User "system:serviceaccount:default:sa" cannot create resource "pods/exec" in API group "" in the namespace "default""#)
        let scale = Self.request(Self.alice, "update", "deployments", group: "apps", subresource: "scale", namespace: "team")
        #expect(Self.authorizer.authorize(scale).allowed)
        var whole = scale
        whole.subresource = ""
        #expect(!Self.authorizer.authorize(whole).allowed)
        var otherNamespace = scale
        otherNamespace.namespace = "prod"
        #expect(!Self.authorizer.authorize(otherNamespace).allowed)
    }

    @Test func resourceNamesRestrictNamedRequests() {
        let settings = Self.request(Self.sa, "get", "configmaps", namespace: "default", name: "settings")
        #expect(Self.authorizer.authorize(settings).allowed)
        var other = settings
        other.name = "other"
        #expect(!Self.authorizer.authorize(other).allowed)
        var list = settings
        list.verb = "list"
        list.name = ""
        #expect(!Self.authorizer.authorize(list).allowed)
    }

    @Test func clusterRoleBindingsAndWildcardsGrantEverywhere() {
        for namespace in ["", "default", "kube-system"] {
            #expect(Self.authorizer.authorize(Self.request(Self.alice, "delete", "secrets", namespace: namespace)).allowed)
        }
        let custom = Self.authorizer.authorize(Self.request(Self.alice, "patch", "secrets", group: "example.com"))
        #expect(custom.allowed)
        #expect(custom.reason == #"RBAC: allowed by ClusterRoleBinding "alice-secrets" of ClusterRole "secret-admin" to User "alice""#)
        #expect(!Self.authorizer.authorize(Self.request(Self.alice, "get", "pods", namespace: "default")).allowed)
    }

    @Test func nonResourceURLs() {
        #expect(Self.authorizer.authorize(RequestAttributes(user: Self.sa, verb: "get", path: "/healthz")).allowed)
        #expect(Self.authorizer.authorize(RequestAttributes(user: Self.sa, verb: "get", path: "/apis/apps/v1")).allowed)
        #expect(!Self.authorizer.authorize(RequestAttributes(user: Self.sa, verb: "post", path: "/healthz")).allowed)
        let anonymous = RequestUser(name: "system:anonymous", groups: ["system:unauthenticated"])
        #expect(!Self.authorizer.authorize(RequestAttributes(user: anonymous, verb: "get", path: "/healthz")).allowed)
    }

    @Test func serviceAccountSubjectsNeedTheRightNamespace() {
        var authorizer = RBACAuthorizer(clusterRoles: [Self.secretAdmin])
        authorizer.upsert(
            ClusterRoleBinding(
                metadata: ObjectMeta(name: "sa-secrets"), subjects: [.serviceAccount("sa", namespace: "default")],
                roleRef: RoleRef(kind: "ClusterRole", name: "secret-admin")))
        #expect(authorizer.authorize(Self.request(Self.sa, "list", "secrets")).allowed)
        let sameNameElsewhere = RequestUser.serviceAccount(namespace: "other", name: "sa")
        #expect(!authorizer.authorize(Self.request(sameNameElsewhere, "list", "secrets")).allowed)
        authorizer.removeClusterRoleBinding(name: "sa-secrets")
        #expect(!authorizer.authorize(Self.request(Self.sa, "list", "secrets")).allowed)
    }

    @Test func superusersAndMissingRoles() {
        let masters = RequestUser(name: "bob", groups: ["system:masters"])
        #expect(Self.authorizer.authorize(Self.request(masters, "delete", "nodes")).allowed)
        #expect(Self.authorizer.authorize(Self.request(RequestUser(name: "system:admin"), "get", "x")).allowed)

        let dangling = RBACAuthorizer(roleBindings: [
            RoleBinding(
                metadata: ObjectMeta(name: "b", namespace: "default"), subjects: [.user("carol")],
                roleRef: RoleRef(kind: "Role", name: "gone"))
        ])
        let decision = dangling.authorize(Self.request(RequestUser(name: "carol"), "get", "pods", namespace: "default"))
        #expect(!decision.allowed)
        #expect(decision.reason == #"RBAC: role.rbac.authorization.k8s.io "gone" not found"#)
        #expect(decision.message == #"pods is forbidden: User "carol" cannot get resource "pods" in API group "" in the namespace "default": RBAC: role.rbac.authorization.k8s.io "gone" not found"#)
    }

    @Test func rulesForUser() {
        let rules = Self.authorizer.rules(for: Self.sa, namespace: "default")
        #expect(rules.rules.count == 3)  // pod-reader's two rules + health
        #expect(rules.errors.isEmpty)
    }
}
