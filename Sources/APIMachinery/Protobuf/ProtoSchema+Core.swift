// core/v1 configuration, identity and service messages (k8s.io/api/core/v1/generated.proto).
extension ProtoSchema {
    static let configMap = ProtoMessage(
        "ConfigMap",
        [
            .message(1, "metadata") { objectMeta },
            .map(2, "data", .string),
            .map(3, "binaryData", .bytes),
            .present(4, "immutable", .bool),
        ])

    static let secret = ProtoMessage(
        "Secret",
        [
            .message(1, "metadata") { objectMeta },
            .map(2, "data", .bytes),
            .scalar(3, "type", .string),
            .map(4, "stringData", .string),
            .present(5, "immutable", .bool),
        ])

    static let serviceAccount = ProtoMessage(
        "ServiceAccount",
        [
            .message(1, "metadata") { objectMeta },
            .messages(2, "secrets") { objectReference },
            .messages(3, "imagePullSecrets") { localObjectReference },
            .present(4, "automountServiceAccountToken", .bool),
        ])

    static let objectReference = ProtoMessage(
        "ObjectReference",
        [
            .scalar(1, "kind", .string),
            .scalar(2, "namespace", .string),
            .scalar(3, "name", .string),
            .scalar(4, "uid", .string),
            .scalar(5, "apiVersion", .string),
            .scalar(6, "resourceVersion", .string),
            .scalar(7, "fieldPath", .string),
        ])

    static let localObjectReference = ProtoMessage("LocalObjectReference", [.scalar(1, "name", .string)])

    static let namespace = ProtoMessage(
        "Namespace",
        [
            .message(1, "metadata") { objectMeta },
            .message(2, "spec") { ProtoMessage("NamespaceSpec", [.repeated(1, "finalizers", .string)]) },
            .message(3, "status") { namespaceStatus },
        ])

    static let namespaceStatus = ProtoMessage(
        "NamespaceStatus",
        [
            .scalar(1, "phase", .string),
            .messages(2, "conditions") {
                ProtoMessage(
                    "NamespaceCondition",
                    [
                        .present(1, "type", .string),
                        .present(2, "status", .string),
                        .present(4, "lastTransitionTime", .time),
                        .scalar(5, "reason", .string),
                        .scalar(6, "message", .string),
                    ])
            },
        ])

    static let service = ProtoMessage(
        "Service",
        [
            .message(1, "metadata") { objectMeta },
            .message(2, "spec") { serviceSpec },
            .message(3, "status") { serviceStatus },
        ])

    static let serviceSpec = ProtoMessage(
        "ServiceSpec",
        [
            .messages(1, "ports") { servicePort },
            .map(2, "selector", .string),
            .scalar(3, "clusterIP", .string),
            .scalar(4, "type", .string),
            .repeated(5, "externalIPs", .string),
            .scalar(7, "sessionAffinity", .string),
            .scalar(8, "loadBalancerIP", .string),
            .repeated(9, "loadBalancerSourceRanges", .string),
            .scalar(10, "externalName", .string),
            .scalar(11, "externalTrafficPolicy", .string),
            .scalar(12, "healthCheckNodePort", .int32),
            .scalar(13, "publishNotReadyAddresses", .bool),
            .message(14, "sessionAffinityConfig") {
                ProtoMessage(
                    "SessionAffinityConfig",
                    [
                        .message(1, "clientIP") {
                            ProtoMessage("ClientIPConfig", [.present(1, "timeoutSeconds", .int32)])
                        }
                    ])
            },
            .present(17, "ipFamilyPolicy", .string),
            .repeated(18, "clusterIPs", .string),
            .repeated(19, "ipFamilies", .string),
            .present(20, "allocateLoadBalancerNodePorts", .bool),
            .present(21, "loadBalancerClass", .string),
            .present(22, "internalTrafficPolicy", .string),
        ])

    static let servicePort = ProtoMessage(
        "ServicePort",
        [
            .scalar(1, "name", .string),
            .scalar(2, "protocol", .string),
            .present(3, "port", .int32),
            .present(4, "targetPort", .intOrString),
            .scalar(5, "nodePort", .int32),
            .present(6, "appProtocol", .string),
        ])

    /// ServiceStatus: the load balancer only (conditions are not decoded).
    static let serviceStatus = ProtoMessage(
        "ServiceStatus",
        [
            .message(1, "loadBalancer") {
                ProtoMessage("LoadBalancerStatus", [.messages(1, "ingress") { loadBalancerIngress }])
            }
        ])

    static let loadBalancerIngress = ProtoMessage(
        "LoadBalancerIngress",
        [
            .scalar(1, "ip", .string),
            .scalar(2, "hostname", .string),
            .messages(4, "ports") {
                ProtoMessage(
                    "PortStatus",
                    [.present(1, "port", .int32), .present(2, "protocol", .string), .present(3, "error", .string)])
            },
        ])

    static let resourceQuota = ProtoMessage(
        "ResourceQuota",
        [
            .message(1, "metadata") { objectMeta },
            .message(2, "spec") {
                ProtoMessage(
                    "ResourceQuotaSpec",
                    [
                        .map(1, "hard", .quantity),
                        .repeated(2, "scopes", .string),
                        .message(3, "scopeSelector") {
                            ProtoMessage("ScopeSelector", [.messages(1, "matchExpressions") { scopedRequirement }])
                        },
                    ])
            },
            .message(3, "status") {
                ProtoMessage("ResourceQuotaStatus", [.map(1, "hard", .quantity), .map(2, "used", .quantity)])
            },
        ])

    static let scopedRequirement = ProtoMessage(
        "ScopedResourceSelectorRequirement",
        [
            .present(1, "scopeName", .string),
            .present(2, "operator", .string),
            .repeated(3, "values", .string),
        ])
}
