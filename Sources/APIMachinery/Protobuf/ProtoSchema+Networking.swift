// networking.k8s.io/v1 Ingress, policy/v1 PodDisruptionBudget and scheduling.k8s.io/v1
// PriorityClass (k8s.io/api/{networking,policy,scheduling}/v1/generated.proto).
extension ProtoSchema {
    static let ingress = ProtoMessage(
        "Ingress",
        [
            .message(1, "metadata") { objectMeta },
            .message(2, "spec") { ingressSpec },
            .message(3, "status") {
                ProtoMessage(
                    "IngressStatus",
                    [
                        .message(1, "loadBalancer") {
                            ProtoMessage(
                                "IngressLoadBalancerStatus", [.messages(1, "ingress") { loadBalancerIngress }])
                        }
                    ])
            },
        ])

    static let ingressSpec = ProtoMessage(
        "IngressSpec",
        [
            .message(1, "defaultBackend") { ingressBackend },
            .messages(2, "tls") {
                ProtoMessage("IngressTLS", [.repeated(1, "hosts", .string), .scalar(2, "secretName", .string)])
            },
            .messages(3, "rules") {
                ProtoMessage(
                    "IngressRule",
                    [
                        .scalar(1, "host", .string),
                        .inline(2) {
                            ProtoMessage("IngressRuleValue", [.message(1, "http") { httpIngressRuleValue }])
                        },
                    ])
            },
            .present(4, "ingressClassName", .string),
        ])

    static let httpIngressRuleValue = ProtoMessage(
        "HTTPIngressRuleValue",
        [
            .messages(1, "paths") {
                ProtoMessage(
                    "HTTPIngressPath",
                    [
                        .scalar(1, "path", .string),
                        .message(2, "backend") { ingressBackend },
                        .present(3, "pathType", .string),
                    ])
            }
        ])

    static let ingressBackend = ProtoMessage(
        "IngressBackend",
        [
            .message(3, "resource") {
                ProtoMessage(
                    "TypedLocalObjectReference",
                    [.present(1, "apiGroup", .string), .present(2, "kind", .string), .present(3, "name", .string)])
            },
            .message(4, "service") {
                ProtoMessage(
                    "IngressServiceBackend",
                    [
                        .present(1, "name", .string),
                        .message(2, "port") {
                            ProtoMessage(
                                "ServiceBackendPort", [.scalar(1, "name", .string), .scalar(2, "number", .int32)])
                        },
                    ])
            },
        ])

    static let podDisruptionBudget = ProtoMessage(
        "PodDisruptionBudget",
        [
            .message(1, "metadata") { objectMeta },
            .message(2, "spec") {
                ProtoMessage(
                    "PodDisruptionBudgetSpec",
                    [
                        .present(1, "minAvailable", .intOrString),
                        .message(2, "selector") { labelSelector },
                        .present(3, "maxUnavailable", .intOrString),
                        .present(4, "unhealthyPodEvictionPolicy", .string),
                    ])
            },
            .message(3, "status") {
                ProtoMessage(
                    "PodDisruptionBudgetStatus",
                    [
                        .scalar(1, "observedGeneration", .int64),
                        .map(2, "disruptedPods", .time),
                        .present(3, "disruptionsAllowed", .int32),
                        .present(4, "currentHealthy", .int32),
                        .present(5, "desiredHealthy", .int32),
                        .present(6, "expectedPods", .int32),
                        .unsupported(7, "conditions"),
                    ])
            },
        ])

    static let priorityClass = ProtoMessage(
        "PriorityClass",
        [
            .message(1, "metadata") { objectMeta },
            .present(2, "value", .int32),
            .scalar(3, "globalDefault", .bool),
            .scalar(4, "description", .string),
            .present(5, "preemptionPolicy", .string),
        ])
}
