import KubeModel

/// The pod fields the downward API exposes here (env fieldRef and volumes).
enum DownwardAPI {
    static func value(_ fieldPath: String, pod: Pod, nodeName: String) -> String? {
        switch fieldPath {
        case "metadata.name": return pod.metadata.name ?? ""
        case "metadata.namespace": return pod.metadata.namespace ?? "default"
        case "metadata.uid": return pod.metadata.uid ?? ""
        case "metadata.labels": return render(pod.metadata.labels)
        case "metadata.annotations": return render(pod.metadata.annotations)
        case "spec.nodeName": return pod.spec.nodeName ?? nodeName
        case "spec.serviceAccountName": return pod.spec.serviceAccountName ?? "default"
        case "status.podIP", "status.hostIP": return "127.0.0.1"
        case "status.podIPs", "status.hostIPs": return "127.0.0.1"
        default:
            for prefix in ["metadata.labels['", "metadata.annotations['"] where fieldPath.hasPrefix(prefix) && fieldPath.hasSuffix("']") {
                let key = String(fieldPath.dropFirst(prefix.count).dropLast(2))
                return (prefix.contains("labels") ? pod.metadata.labels : pod.metadata.annotations)[key] ?? ""
            }
            return nil
        }
    }

    private static func render(_ map: [String: String]) -> String {
        map.keys.sorted().map { key in
            let escaped = (map[key] ?? "").replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
                .replacingOccurrences(of: "\n", with: "\\n")
            return "\(key)=\"\(escaped)\""
        }.joined(separator: "\n")
    }
}
