import KubeModel
import Logging

/// Objects every cluster starts with: the system namespaces and the default
/// RBAC roles that let authenticated users discover the API and ask what
/// they may do.
enum Bootstrap {
    static let namespaces = ["default", "kube-system", "kube-public", "kube-node-lease", "sympozium-system"]

    static func run(service: ObjectService, logger: Logger) async throws {
        for name in namespaces {
            try await ensure(service, ResourceType(Namespace.self), namespace: nil, ["metadata": ["name": .string(name)]])
        }
        let rbac = "rbac.authorization.k8s.io"
        let clusterRoles: [(String, JSONValue)] = [
            ("cluster-admin", [["apiGroups": ["*"], "resources": ["*"], "verbs": ["*"]], ["nonResourceURLs": ["*"], "verbs": ["*"]]]),
            ("system:discovery", [["nonResourceURLs": ["/api", "/api/*", "/apis", "/apis/*", "/openapi", "/openapi/*", "/version", "/version/", "/healthz", "/livez", "/readyz"], "verbs": ["get"]]]),
            ("system:basic-user", [["apiGroups": ["authorization.k8s.io"], "resources": ["selfsubjectaccessreviews", "selfsubjectrulesreviews"], "verbs": ["create"]]]),
            ("view", [["apiGroups": ["", "apps", "batch", "networking.k8s.io", "sympozium.ai"], "resources": ["*"], "verbs": ["get", "list", "watch"]]]),
            ("edit", [["apiGroups": ["", "apps", "batch", "networking.k8s.io", "sympozium.ai"], "resources": ["*"], "verbs": ["*"]]]),
        ]
        for (name, rules) in clusterRoles {
            try await ensure(
                service, ResourceType(ClusterRole.self), namespace: nil,
                ["metadata": ["name": .string(name), "labels": ["kubernetes.io/bootstrapping": "rbac-defaults"]], "rules": rules])
        }
        let bindings: [(String, String, JSONValue)] = [
            ("cluster-admin", "cluster-admin", [["kind": "Group", "apiGroup": .string(rbac), "name": "system:masters"]]),
            ("system:discovery", "system:discovery", [["kind": "Group", "apiGroup": .string(rbac), "name": "system:authenticated"]]),
            ("system:basic-user", "system:basic-user", [["kind": "Group", "apiGroup": .string(rbac), "name": "system:authenticated"]]),
        ]
        for (name, role, subjects) in bindings {
            try await ensure(
                service, ResourceType(ClusterRoleBinding.self), namespace: nil,
                [
                    "metadata": ["name": .string(name), "labels": ["kubernetes.io/bootstrapping": "rbac-defaults"]],
                    "roleRef": ["apiGroup": .string(rbac), "kind": "ClusterRole", "name": .string(role)],
                    "subjects": subjects,
                ])
        }
        logger.debug("bootstrap objects ensured")
    }

    /// Creates the object unless it exists; never overwrites what a user changed.
    static func ensure(_ service: ObjectService, _ type: ResourceType, namespace: String?, _ object: JSONValue) async throws {
        let name = object["metadata"]?["name"]?.stringValue ?? ""
        guard await service.store.get(type.key, ObjectKey(namespace: namespace ?? "", name: name)) == nil else { return }
        do {
            _ = try await service.create(type, namespace: namespace, body: object)
        } catch let error as APIError where error.code == 409 {
            return
        }
    }
}
