import Foundation
import KubeModel

/// Defaults Kubernetes' own registry strategies apply to built-in kinds on create.
enum BuiltinDefaults {
    static func applyOnCreate(_ object: inout JSONValue, type: ResourceType) {
        guard !type.isCustom else { return }
        switch (type.group, type.plural) {
        case ("", "namespaces"):
            object["spec"] = ["finalizers": ["kubernetes"]]
            object["status"] = ["phase": "Active"]
        case ("", "pods"):
            defaultPodSpec(&object, at: ["spec"])
            object["status"] = ["phase": "Pending"]
        case ("batch", "jobs"):
            defaultJob(&object)
        case ("apps", "deployments"):
            if object["spec"]?["replicas"] == nil { object["spec"]?["replicas"] = 1 }
            if object["spec"]?["revisionHistoryLimit"] == nil { object["spec"]?["revisionHistoryLimit"] = 10 }
            if object["spec"]?["progressDeadlineSeconds"] == nil { object["spec"]?["progressDeadlineSeconds"] = 600 }
            if object["spec"]?["strategy"] == nil {
                object["spec"]?["strategy"] = ["type": "RollingUpdate", "rollingUpdate": ["maxSurge": "25%", "maxUnavailable": "25%"]]
            }
            defaultPodSpec(&object, at: ["spec", "template", "spec"])
        case ("", "secrets"):
            if object["type"] == nil { object["type"] = "Opaque" }
        default:
            break
        }
    }

    /// What the API server does on every write, create and update alike: a
    /// Secret's write-only `stringData` is folded into `data` (base64).
    static func normalizeOnWrite(_ object: inout JSONValue, type: ResourceType) {
        guard !type.isCustom, type.group.isEmpty, type.plural == "secrets", let stringData = object["stringData"] else { return }
        var data = object["data"]?.objectValue ?? [:]
        for (key, value) in stringData.objectValue ?? [:] {
            if let text = value.stringValue { data[key] = .string(Data(text.utf8).base64EncodedString()) }
        }
        object["data"] = .object(data)
        object["stringData"] = nil
    }

    private static func defaultPodSpec(_ object: inout JSONValue, at path: [String]) {
        guard var spec = value(object, at: path), case .object = spec else { return }
        if spec["restartPolicy"] == nil { spec["restartPolicy"] = "Always" }
        if spec["terminationGracePeriodSeconds"] == nil { spec["terminationGracePeriodSeconds"] = 30 }
        if spec["dnsPolicy"] == nil { spec["dnsPolicy"] = "ClusterFirst" }
        if spec["schedulerName"] == nil { spec["schedulerName"] = "default-scheduler" }
        if spec["serviceAccountName"] == nil { spec["serviceAccountName"] = spec["serviceAccount"] ?? "default" }
        if spec["securityContext"] == nil { spec["securityContext"] = [:] }
        for field in ["containers", "initContainers"] {
            guard var containers = spec[field]?.arrayValue else { continue }
            for index in containers.indices {
                if containers[index]["terminationMessagePath"] == nil {
                    containers[index]["terminationMessagePath"] = "/dev/termination-log"
                }
                if containers[index]["terminationMessagePolicy"] == nil {
                    containers[index]["terminationMessagePolicy"] = "File"
                }
                if containers[index]["imagePullPolicy"] == nil {
                    let image = containers[index]["image"]?.stringValue ?? ""
                    containers[index]["imagePullPolicy"] = image.hasSuffix(":latest") || !image.contains(":") ? "Always" : "IfNotPresent"
                }
            }
            spec[field] = .array(containers)
        }
        set(&object, at: path, to: spec)
    }

    /// Jobs get a generated controller-uid selector, as the Job strategy does.
    private static func defaultJob(_ object: inout JSONValue) {
        guard object["spec"]?["manualSelector"]?.boolValue != true,
            let uid = object["metadata"]?["uid"]?.stringValue
        else { return }
        let name = object["metadata"]?["name"]?.stringValue ?? ""
        let labels: JSONValue = [
            "batch.kubernetes.io/controller-uid": .string(uid), "batch.kubernetes.io/job-name": .string(name),
            "controller-uid": .string(uid), "job-name": .string(name),
        ]
        object["spec"]?["selector"] = ["matchLabels": ["batch.kubernetes.io/controller-uid": .string(uid)]]
        var templateLabels = object["spec"]?["template"]?["metadata"]?["labels"]?.objectValue ?? [:]
        for (key, value) in labels.objectValue ?? [:] { templateLabels[key] = value }
        if object["spec"]?["template"]?["metadata"] == nil { object["spec"]?["template"]?["metadata"] = [:] }
        object["spec"]?["template"]?["metadata"]?["labels"] = .object(templateLabels)
        if object["spec"]?["backoffLimit"] == nil { object["spec"]?["backoffLimit"] = 6 }
        if object["spec"]?["completions"] == nil { object["spec"]?["completions"] = 1 }
        if object["spec"]?["parallelism"] == nil { object["spec"]?["parallelism"] = 1 }
        if object["spec"]?["template"]?["spec"]?["restartPolicy"] == nil {
            object["spec"]?["template"]?["spec"]?["restartPolicy"] = "Never"
        }
        defaultPodSpec(&object, at: ["spec", "template", "spec"])
    }

    static func value(_ object: JSONValue, at path: [String]) -> JSONValue? {
        path.reduce(Optional(object)) { $0?[$1] }
    }

    static func set(_ object: inout JSONValue, at path: [String], to value: JSONValue) {
        guard let first = path.first else {
            object = value
            return
        }
        var child = object[first] ?? [:]
        set(&child, at: Array(path.dropFirst()), to: value)
        object[first] = child
    }
}
