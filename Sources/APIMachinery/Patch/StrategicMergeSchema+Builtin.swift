import KubeModel

extension StrategicMergeSchema {
    /// The schema of a built-in kind, or `nil` when the kind has none (custom
    /// resources): the server then answers a strategic merge patch with 415.
    /// `group` is empty for the core group.
    public static func builtin(group: String, kind: String) -> StrategicMergeSchema? {
        guard let lists = builtinLists[group.isEmpty ? kind : "\(kind).\(group)"] else { return nil }
        return StrategicMergeSchema(lists: commonLists.merging(lists) { _, new in new })
    }

    /// The schema of a built-in kind by `apiVersion` (`"apps/v1"`, `"v1"`).
    public static func builtin(apiVersion: String, kind: String) -> StrategicMergeSchema? {
        builtin(group: group(ofAPIVersion: apiVersion), kind: kind)
    }

    /// Whether strategic merge patch is supported: true for built-in kinds only.
    public static func supportsStrategicMerge(group: String, kind: String) -> Bool {
        builtin(group: group, kind: kind) != nil
    }

    /// The group part of an apiVersion: `"apps"` for `"apps/v1"`, `""` for `"v1"`.
    public static func group(ofAPIVersion apiVersion: String) -> String {
        guard let slash = apiVersion.firstIndex(of: "/") else { return "" }
        return String(apiVersion[..<slash])
    }

    private static let commonLists: [String: ListType] = [
        "metadata.ownerReferences": .map(keys: ["uid"]),
        "metadata.finalizers": .set,
    ]

    private static func podSpec(at prefix: String) -> [String: ListType] {
        var lists: [String: ListType] = [
            "volumes": .map(keys: ["name"]),
            "imagePullSecrets": .map(keys: ["name"]),
            "hostAliases": .map(keys: ["ip"]),
            "topologySpreadConstraints": .map(keys: ["topologyKey", "whenUnsatisfiable"]),
            "resourceClaims": .map(keys: ["name"]),
            "schedulingGates": .map(keys: ["name"]),
        ]
        for containers in ["containers", "initContainers", "ephemeralContainers"] {
            lists[containers] = .map(keys: ["name"])
            lists["\(containers).env"] = .map(keys: ["name"])
            lists["\(containers).ports"] = .map(keys: ["containerPort", "protocol"])
            lists["\(containers).volumeMounts"] = .map(keys: ["mountPath"])
            lists["\(containers).volumeDevices"] = .map(keys: ["devicePath"])
        }
        var prefixed: [String: ListType] = [:]
        for (path, type) in lists {
            prefixed["\(prefix).\(path)"] = type
        }
        return prefixed
    }

    private static let conditions: [String: ListType] = ["status.conditions": .map(keys: ["type"])]

    private static let workload = podSpec(at: "spec.template.spec").merging(conditions) { _, new in new }

    /// Keyed by `Kind` for the core group and `Kind.group` otherwise.
    private static let builtinLists: [String: [String: ListType]] = [
        "Pod": podSpec(at: "spec").merging(conditions) { _, new in new },
        "PodTemplate": podSpec(at: "template.spec"),
        "ReplicationController": workload,
        "ConfigMap": [:],
        "Secret": [:],
        "ServiceAccount": ["secrets": .map(keys: ["name"])],
        "Service": ["spec.ports": .map(keys: ["port", "protocol"])],
        "Endpoints": [:],
        "Namespace": ["status.conditions": .map(keys: ["type"])],
        "Node": ["status.conditions": .map(keys: ["type"]), "status.addresses": .map(keys: ["type"])],
        "PersistentVolumeClaim": conditions,
        "PersistentVolume": [:],
        "Event": [:],
        "LimitRange": [:],
        "ResourceQuota": [:],
        "Deployment.apps": workload,
        "ReplicaSet.apps": workload,
        "StatefulSet.apps": workload,
        "DaemonSet.apps": workload,
        "ControllerRevision.apps": [:],
        "Job.batch": workload,
        "CronJob.batch": podSpec(at: "spec.jobTemplate.spec.template.spec"),
        "Role.rbac.authorization.k8s.io": [:],
        "ClusterRole.rbac.authorization.k8s.io": [:],
        "RoleBinding.rbac.authorization.k8s.io": [:],
        "ClusterRoleBinding.rbac.authorization.k8s.io": [:],
        "Lease.coordination.k8s.io": [:],
        "Event.events.k8s.io": [:],
        "NetworkPolicy.networking.k8s.io": [:],
        "Ingress.networking.k8s.io": [:],
        "IngressClass.networking.k8s.io": [:],
        "PodDisruptionBudget.policy": conditions,
        "HorizontalPodAutoscaler.autoscaling": conditions,
        "PriorityClass.scheduling.k8s.io": [:],
        "StorageClass.storage.k8s.io": [:],
        "CustomResourceDefinition.apiextensions.k8s.io": [:],
        "MutatingWebhookConfiguration.admissionregistration.k8s.io": ["webhooks": .map(keys: ["name"])],
        "ValidatingWebhookConfiguration.admissionregistration.k8s.io": ["webhooks": .map(keys: ["name"])],
    ]
}
