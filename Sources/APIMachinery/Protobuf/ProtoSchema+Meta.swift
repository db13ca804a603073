// meta/v1 messages (k8s.io/apimachinery/pkg/apis/meta/v1/generated.proto).
extension ProtoSchema {
    static let objectMeta = ProtoMessage(
        "ObjectMeta",
        [
            .scalar(1, "name", .string),
            .scalar(2, "generateName", .string),
            .scalar(3, "namespace", .string),
            .scalar(4, "selfLink", .string),
            .scalar(5, "uid", .string),
            .scalar(6, "resourceVersion", .string),
            .scalar(7, "generation", .int64),
            .present(8, "creationTimestamp", .time),
            .present(9, "deletionTimestamp", .time),
            .present(10, "deletionGracePeriodSeconds", .int64),
            .map(11, "labels", .string),
            .map(12, "annotations", .string),
            .messages(13, "ownerReferences") { ownerReference },
            .repeated(14, "finalizers", .string),
            // 17 managedFields is not decoded: the server recomputes managed fields.
        ])

    static let ownerReference = ProtoMessage(
        "OwnerReference",
        [
            .present(1, "kind", .string),
            .present(3, "name", .string),
            .present(4, "uid", .string),
            .present(5, "apiVersion", .string),
            .present(6, "controller", .bool),
            .present(7, "blockOwnerDeletion", .bool),
        ])

    static let labelSelector = ProtoMessage(
        "LabelSelector",
        [
            .map(1, "matchLabels", .string),
            .messages(2, "matchExpressions") { labelSelectorRequirement },
        ])

    static let labelSelectorRequirement = ProtoMessage(
        "LabelSelectorRequirement",
        [
            .present(1, "key", .string),
            .present(2, "operator", .string),
            .repeated(3, "values", .string),
        ])
}
