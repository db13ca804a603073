/// The root message of each group/version/kind the protobuf decoder supports.
enum ProtoKinds {
    struct Key: Hashable, Sendable {
        let apiVersion: String
        let kind: String
    }

    static let roots: [Key: ProtoMessage] = {
        let s = ProtoSchema.self
        let table: [(String, String, ProtoMessage)] = [
            ("v1", "ConfigMap", s.configMap),
            ("v1", "Secret", s.secret),
            ("v1", "ServiceAccount", s.serviceAccount),
            ("v1", "Namespace", s.namespace),
            ("v1", "Service", s.service),
            ("v1", "Pod", s.pod),
            ("v1", "ResourceQuota", s.resourceQuota),
            ("apps/v1", "Deployment", s.deployment),
            ("batch/v1", "Job", s.job),
            ("batch/v1", "CronJob", s.cronJob),
            ("rbac.authorization.k8s.io/v1", "Role", s.role),
            ("rbac.authorization.k8s.io/v1", "ClusterRole", s.clusterRole),
            ("rbac.authorization.k8s.io/v1", "RoleBinding", s.binding("RoleBinding")),
            ("rbac.authorization.k8s.io/v1", "ClusterRoleBinding", s.binding("ClusterRoleBinding")),
            ("networking.k8s.io/v1", "Ingress", s.ingress),
            ("policy/v1", "PodDisruptionBudget", s.podDisruptionBudget),
            ("scheduling.k8s.io/v1", "PriorityClass", s.priorityClass),
            ("authentication.k8s.io/v1", "TokenRequest", s.tokenRequest),
            ("authentication.k8s.io/v1", "SelfSubjectReview", s.selfSubjectReview),
            ("authorization.k8s.io/v1", "SelfSubjectAccessReview", s.selfSubjectAccessReview),
            ("authorization.k8s.io/v1", "SubjectAccessReview", s.subjectAccessReview("SubjectAccessReview")),
            (
                "authorization.k8s.io/v1", "LocalSubjectAccessReview",
                s.subjectAccessReview("LocalSubjectAccessReview")
            ),
            ("authorization.k8s.io/v1", "SelfSubjectRulesReview", s.selfSubjectRulesReview),
        ]
        return Dictionary(
            table.map { (Key(apiVersion: $0.0, kind: $0.1), $0.2) }, uniquingKeysWith: { first, _ in first })
    }()
}
