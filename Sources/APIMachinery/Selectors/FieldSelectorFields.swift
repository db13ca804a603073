import KubeModel

/// The fields each kind exposes to field selectors, and the API server's
/// error for any other label.
extension FieldSelectorQuery {
    /// Kinds with `metadata.name`/`metadata.namespace` only whose error names the kind.
    private static let metadataOnlyKinds: Set<String> = [
        "Endpoints", "ResourceQuota", "PersistentVolumeClaim", "Service", "ServiceAccount", "ConfigMap",
    ]

    /// Field labels a kind supports, beyond which the server answers 400.
    public static func supportedFieldLabels(kind: String) -> Set<String> {
        switch kind {
        case "Pod":
            return [
                "metadata.name", "metadata.namespace", "spec.nodeName", "spec.restartPolicy", "spec.schedulerName",
                "spec.serviceAccountName", "spec.hostNetwork", "status.phase", "status.podIP", "status.podIPs",
                "status.nominatedNodeName",
            ]
        case "Event":
            return [
                "metadata.name", "metadata.namespace", "involvedObject.kind", "involvedObject.namespace",
                "involvedObject.name", "involvedObject.uid", "involvedObject.apiVersion",
                "involvedObject.resourceVersion", "involvedObject.fieldPath", "reason", "reportingComponent",
                "source", "type",
            ]
        case "Secret": return ["metadata.name", "metadata.namespace", "type"]
        case "Namespace": return ["metadata.name", "status.phase"]
        case "Node": return ["metadata.name", "spec.unschedulable"]
        case "Job": return ["metadata.name", "metadata.namespace", "status.successful"]
        default: return ["metadata.name", "metadata.namespace"]
        }
    }

    /// Checks every term's label against the kind, rewriting Pods' legacy
    /// `spec.host` to `spec.nodeName`. Throws Kubernetes' message, e.g.
    /// `field label not supported: status.hostIP`.
    public func validated(forKind kind: String) throws(SelectorError) -> FieldSelectorQuery {
        let supported = Self.supportedFieldLabels(kind: kind)
        var rewritten: [Term] = []
        for var term in terms {
            if kind == "Pod", term.field == "spec.host" { term.field = "spec.nodeName" }
            guard supported.contains(term.field) else {
                let message =
                    Self.metadataOnlyKinds.contains(kind)
                    ? "field label \(goQuoted(term.field)) not supported for \(goQuoted(kind))"
                    : "field label not supported: \(term.field)"
                throw SelectorError(code: SelectorError.fieldLabelNotSupported, message: message)
            }
            rewritten.append(term)
        }
        return FieldSelectorQuery(terms: rewritten)
    }

    /// Whether the object (of the given kind) satisfies every term.
    public func matches(_ object: JSONValue, kind: String) -> Bool {
        isEverything || matches(Self.fields(of: object, kind: kind))
    }

    /// The selectable fields of an object, as the kind's registry strategy
    /// computes them (`ToSelectableFields`). Absent values read as "".
    public static func fields(of object: JSONValue, kind: String) -> [String: String] {
        let metadata = object["metadata"]
        var fields = ["metadata.name": metadata?["name"]?.stringValue ?? ""]
        if kind != "Namespace" && kind != "Node" {
            fields["metadata.namespace"] = metadata?["namespace"]?.stringValue ?? ""
        }
        func text(_ value: JSONValue?) -> String { value?.stringValue ?? "" }
        let spec = object["spec"]
        let status = object["status"]
        switch kind {
        case "Pod":
            fields["spec.nodeName"] = text(spec?["nodeName"])
            fields["spec.restartPolicy"] = text(spec?["restartPolicy"])
            fields["spec.schedulerName"] = text(spec?["schedulerName"])
            fields["spec.serviceAccountName"] = text(spec?["serviceAccountName"])
            fields["spec.hostNetwork"] = spec?["hostNetwork"]?.boolValue == true ? "true" : "false"
            fields["status.phase"] = text(status?["phase"])
            let firstIP = status?["podIPs"]?.arrayValue?.first?["ip"]?.stringValue
            fields["status.podIP"] = firstIP ?? text(status?["podIP"])
            fields["status.nominatedNodeName"] = text(status?["nominatedNodeName"])
        case "Event":
            let involved = object["involvedObject"]
            for key in ["kind", "namespace", "name", "uid", "apiVersion", "resourceVersion", "fieldPath"] {
                fields["involvedObject." + key] = text(involved?[key])
            }
            fields["reason"] = text(object["reason"])
            fields["reportingComponent"] = text(object["reportingComponent"])
            let component = text(object["source"]?["component"])
            fields["source"] = component.isEmpty ? text(object["reportingComponent"]) : component
            fields["type"] = text(object["type"])
        case "Secret":
            fields["type"] = text(object["type"])
        case "Namespace":
            fields["status.phase"] = text(status?["phase"])
        case "Node":
            fields["spec.unschedulable"] = spec?["unschedulable"]?.boolValue == true ? "true" : "false"
        case "Job":
            fields["status.successful"] = String(status?["succeeded"]?.integerValue ?? 0)
        default:
            break
        }
        return fields
    }
}
