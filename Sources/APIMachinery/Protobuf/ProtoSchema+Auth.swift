// rbac.authorization.k8s.io/v1, authentication.k8s.io/v1 and authorization.k8s.io/v1
// (k8s.io/api/{rbac,authentication,authorization}/v1/generated.proto).
extension ProtoSchema {
    static let role = ProtoMessage(
        "Role", [.message(1, "metadata") { objectMeta }, .messages(2, "rules") { policyRule }])

    static let clusterRole = ProtoMessage(
        "ClusterRole",
        [
            .message(1, "metadata") { objectMeta },
            .messages(2, "rules") { policyRule },
            .message(3, "aggregationRule") {
                ProtoMessage("AggregationRule", [.messages(1, "clusterRoleSelectors") { labelSelector }])
            },
        ])

    static let policyRule = ProtoMessage(
        "PolicyRule",
        [
            .repeated(1, "verbs", .string),
            .repeated(2, "apiGroups", .string),
            .repeated(3, "resources", .string),
            .repeated(4, "resourceNames", .string),
            .repeated(5, "nonResourceURLs", .string),
        ])

    /// RoleBinding and ClusterRoleBinding share a layout.
    static func binding(_ name: String) -> ProtoMessage {
        ProtoMessage(
            name,
            [
                .message(1, "metadata") { objectMeta },
                .messages(2, "subjects") { subject },
                .message(3, "roleRef") { roleRef },
            ])
    }

    static let subject = ProtoMessage(
        "Subject",
        [
            .present(1, "kind", .string),
            .scalar(2, "apiGroup", .string),
            .present(3, "name", .string),
            .scalar(4, "namespace", .string),
        ])

    static let roleRef = ProtoMessage(
        "RoleRef",
        [
            .present(1, "apiGroup", .string),
            .present(2, "kind", .string),
            .present(3, "name", .string),
        ])

    static let tokenRequest = ProtoMessage(
        "TokenRequest",
        [
            .message(1, "metadata") { objectMeta },
            .message(2, "spec") {
                ProtoMessage(
                    "TokenRequestSpec",
                    [
                        .repeated(1, "audiences", .string),
                        .message(3, "boundObjectRef") { boundObjectReference },
                        .present(4, "expirationSeconds", .int64),
                    ])
            },
            .message(3, "status") {
                ProtoMessage(
                    "TokenRequestStatus",
                    [.present(1, "token", .string), .present(2, "expirationTimestamp", .time)])
            },
        ])

    /// The proto names are `aPIVersion` and `uID`; the JSON names are `apiVersion` and `uid`.
    static let boundObjectReference = ProtoMessage(
        "BoundObjectReference",
        [
            .scalar(1, "kind", .string),
            .scalar(2, "apiVersion", .string),
            .scalar(3, "name", .string),
            .scalar(4, "uid", .string),
        ])

    static let selfSubjectReview = ProtoMessage(
        "SelfSubjectReview",
        [
            .message(1, "metadata") { objectMeta },
            .message(2, "status") {
                ProtoMessage("SelfSubjectReviewStatus", [.message(1, "userInfo") { userInfo }])
            },
        ])

    static let userInfo = ProtoMessage(
        "UserInfo",
        [
            .scalar(1, "username", .string),
            .scalar(2, "uid", .string),
            .repeated(3, "groups", .string),
            .map(4, "extra", .stringList),
        ])

    static let selfSubjectAccessReview = ProtoMessage(
        "SelfSubjectAccessReview",
        [
            .message(1, "metadata") { objectMeta },
            .message(2, "spec") {
                ProtoMessage(
                    "SelfSubjectAccessReviewSpec",
                    [
                        .message(1, "resourceAttributes") { resourceAttributes },
                        .message(2, "nonResourceAttributes") { nonResourceAttributes },
                    ])
            },
            .message(3, "status") { subjectAccessReviewStatus },
        ])

    /// SubjectAccessReview and LocalSubjectAccessReview share a layout.
    static func subjectAccessReview(_ name: String) -> ProtoMessage {
        ProtoMessage(
            name,
            [
                .message(1, "metadata") { objectMeta },
                .message(2, "spec") { subjectAccessReviewSpec },
                .message(3, "status") { subjectAccessReviewStatus },
            ])
    }

    static let subjectAccessReviewSpec = ProtoMessage(
        "SubjectAccessReviewSpec",
        [
            .message(1, "resourceAttributes") { resourceAttributes },
            .message(2, "nonResourceAttributes") { nonResourceAttributes },
            .scalar(3, "user", .string),
            .repeated(4, "groups", .string),
            .map(5, "extra", .stringList),
            .scalar(6, "uid", .string),
        ])

    static let resourceAttributes = ProtoMessage(
        "ResourceAttributes",
        [
            .scalar(1, "namespace", .string),
            .scalar(2, "verb", .string),
            .scalar(3, "group", .string),
            .scalar(4, "version", .string),
            .scalar(5, "resource", .string),
            .scalar(6, "subresource", .string),
            .scalar(7, "name", .string),
            .message(8, "fieldSelector") {
                selectorAttributes("FieldSelectorAttributes", requirement: fieldSelectorRequirement)
            },
            .message(9, "labelSelector") {
                selectorAttributes("LabelSelectorAttributes", requirement: labelSelectorRequirement)
            },
        ])

    static func selectorAttributes(_ name: String, requirement: ProtoMessage) -> ProtoMessage {
        ProtoMessage(name, [.scalar(1, "rawSelector", .string), .messages(2, "requirements") { requirement }])
    }

    static let fieldSelectorRequirement = ProtoMessage(
        "FieldSelectorRequirement",
        [
            .present(1, "key", .string),
            .present(2, "operator", .string),
            .repeated(3, "values", .string),
        ])

    static let nonResourceAttributes = ProtoMessage(
        "NonResourceAttributes", [.scalar(1, "path", .string), .scalar(2, "verb", .string)])

    static let subjectAccessReviewStatus = ProtoMessage(
        "SubjectAccessReviewStatus",
        [
            .present(1, "allowed", .bool),
            .scalar(2, "reason", .string),
            .scalar(3, "evaluationError", .string),
            .scalar(4, "denied", .bool),
        ])

    static let selfSubjectRulesReview = ProtoMessage(
        "SelfSubjectRulesReview",
        [
            .message(1, "metadata") { objectMeta },
            .message(2, "spec") { ProtoMessage("SelfSubjectRulesReviewSpec", [.scalar(1, "namespace", .string)]) },
            .message(3, "status") { subjectRulesReviewStatus },
        ])

    static let subjectRulesReviewStatus = ProtoMessage(
        "SubjectRulesReviewStatus",
        [
            .messages(1, "resourceRules") {
                ProtoMessage(
                    "ResourceRule",
                    [
                        .repeated(1, "verbs", .string),
                        .repeated(2, "apiGroups", .string),
                        .repeated(3, "resources", .string),
                        .repeated(4, "resourceNames", .string),
                    ])
            },
            .messages(2, "nonResourceRules") {
                ProtoMessage(
                    "NonResourceRule", [.repeated(1, "verbs", .string), .repeated(2, "nonResourceURLs", .string)])
            },
            .present(3, "incomplete", .bool),
            .scalar(4, "evaluationError", .string),
        ])
}
