// core/v1 Pod, PodTemplateSpec and PodSpec (k8s.io/api/core/v1/generated.proto).
extension ProtoSchema {
    static let pod = ProtoMessage(
        "Pod",
        [
            .message(1, "metadata") { objectMeta },
            .message(2, "spec") { podSpec },
            .message(3, "status") { podStatus },
        ])

    /// PodStatus: its scalar fields only (conditions and container statuses are not decoded).
    static let podStatus = ProtoMessage(
        "PodStatus",
        [
            .scalar(1, "phase", .string),
            .scalar(3, "message", .string),
            .scalar(4, "reason", .string),
            .scalar(5, "hostIP", .string),
            .scalar(6, "podIP", .string),
            .present(7, "startTime", .time),
            .scalar(9, "qosClass", .string),
            .scalar(11, "nominatedNodeName", .string),
        ])

    static let podTemplateSpec = ProtoMessage(
        "PodTemplateSpec",
        [
            .message(1, "metadata") { objectMeta },
            .message(2, "spec") { podSpec },
        ])

    static let podSpec = ProtoMessage(
        "PodSpec",
        [
            .messages(1, "volumes") { volume },
            .messages(2, "containers") { container },
            .scalar(3, "restartPolicy", .string),
            .present(4, "terminationGracePeriodSeconds", .int64),
            .present(5, "activeDeadlineSeconds", .int64),
            .scalar(6, "dnsPolicy", .string),
            .map(7, "nodeSelector", .string),
            .scalar(8, "serviceAccountName", .string),
            .scalar(9, "serviceAccount", .string),
            .scalar(10, "nodeName", .string),
            .scalar(11, "hostNetwork", .bool),
            .scalar(12, "hostPID", .bool),
            .scalar(13, "hostIPC", .bool),
            .message(14, "securityContext") { podSecurityContext },
            .messages(15, "imagePullSecrets") { localObjectReference },
            .scalar(16, "hostname", .string),
            .scalar(17, "subdomain", .string),
            .message(18, "affinity") { affinity },
            .scalar(19, "schedulerName", .string),
            .messages(20, "initContainers") { container },
            .present(21, "automountServiceAccountToken", .bool),
            .messages(22, "tolerations") { toleration },
            .messages(23, "hostAliases") {
                ProtoMessage("HostAlias", [.present(1, "ip", .string), .repeated(2, "hostnames", .string)])
            },
            .scalar(24, "priorityClassName", .string),
            .present(25, "priority", .int32),
            .message(26, "dnsConfig") { podDNSConfig },
            .present(27, "shareProcessNamespace", .bool),
            .messages(28, "readinessGates") {
                ProtoMessage("PodReadinessGate", [.present(1, "conditionType", .string)])
            },
            .present(29, "runtimeClassName", .string),
            .present(30, "enableServiceLinks", .bool),
            .present(31, "preemptionPolicy", .string),
            .map(32, "overhead", .quantity),
            .messages(33, "topologySpreadConstraints") { topologySpreadConstraint },
            .unsupported(34, "ephemeralContainers"),
            .present(35, "setHostnameAsFQDN", .bool),
            .message(36, "os") { ProtoMessage("PodOS", [.present(1, "name", .string)]) },
            .present(37, "hostUsers", .bool),
            .messages(38, "schedulingGates") {
                ProtoMessage("PodSchedulingGate", [.present(1, "name", .string)])
            },
            .unsupported(39, "resourceClaims"),
            .message(40, "resources") { resourceRequirements },
            .unsupported(41, "hostnameOverride"),
            .unsupported(42, "workloadRef"),
        ])

    static let podSecurityContext = ProtoMessage(
        "PodSecurityContext",
        [
            .message(1, "seLinuxOptions") { seLinuxOptions },
            .present(2, "runAsUser", .int64),
            .present(3, "runAsNonRoot", .bool),
            .repeated(4, "supplementalGroups", .int64),
            .present(5, "fsGroup", .int64),
            .present(6, "runAsGroup", .int64),
            .messages(7, "sysctls") {
                ProtoMessage("Sysctl", [.present(1, "name", .string), .present(2, "value", .string)])
            },
            .unsupported(8, "windowsOptions"),
            .present(9, "fsGroupChangePolicy", .string),
            .message(10, "seccompProfile") { profile("SeccompProfile") },
            .message(11, "appArmorProfile") { profile("AppArmorProfile") },
            .present(12, "supplementalGroupsPolicy", .string),
            .present(13, "seLinuxChangePolicy", .string),
        ])

    static let seLinuxOptions = ProtoMessage(
        "SELinuxOptions",
        [
            .scalar(1, "user", .string),
            .scalar(2, "role", .string),
            .scalar(3, "type", .string),
            .scalar(4, "level", .string),
        ])

    /// SeccompProfile / AppArmorProfile {type=1, localhostProfile=2}.
    static func profile(_ name: String) -> ProtoMessage {
        ProtoMessage(name, [.present(1, "type", .string), .present(2, "localhostProfile", .string)])
    }

    static let podDNSConfig = ProtoMessage(
        "PodDNSConfig",
        [
            .repeated(1, "nameservers", .string),
            .repeated(2, "searches", .string),
            .messages(3, "options") {
                ProtoMessage("PodDNSConfigOption", [.scalar(1, "name", .string), .present(2, "value", .string)])
            },
        ])

    static let toleration = ProtoMessage(
        "Toleration",
        [
            .scalar(1, "key", .string),
            .scalar(2, "operator", .string),
            .scalar(3, "value", .string),
            .scalar(4, "effect", .string),
            .present(5, "tolerationSeconds", .int64),
        ])

    static let topologySpreadConstraint = ProtoMessage(
        "TopologySpreadConstraint",
        [
            .present(1, "maxSkew", .int32),
            .present(2, "topologyKey", .string),
            .present(3, "whenUnsatisfiable", .string),
            .message(4, "labelSelector") { labelSelector },
            .present(5, "minDomains", .int32),
            .present(6, "nodeAffinityPolicy", .string),
            .present(7, "nodeTaintsPolicy", .string),
            .repeated(8, "matchLabelKeys", .string),
        ])
}
