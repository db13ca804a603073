import APIMachinery
import Foundation
import KubeModel
import SympoziumAPI

/// Validation of built-in kinds: the checks that matter (names, labels,
/// required fields, container names and images), plus a typed decode that
/// catches wrongly typed fields.
enum ObjectValidation {
    /// Kinds whose names must be DNS labels rather than subdomains.
    private static let labelNamed: Set<String> = ["namespaces", "services"]

    static func validateMetadata(_ object: JSONValue, type: ResourceType) -> [FieldError] {
        var errors: [FieldError] = []
        let name = object["metadata"]?["name"]?.stringValue ?? ""
        if type.group.isEmpty && labelNamed.contains(type.plural) {
            errors += Names.validateDNSLabel(name, at: "metadata.name")
        } else if type.group == "rbac.authorization.k8s.io" {
            // RBAC names are path segments: "system:discovery" is valid.
            if name.isEmpty || name == "." || name == ".." || name.contains("/") || name.contains("%") {
                errors.append(.invalid("metadata.name", "Invalid value: \"\(name)\": may not be '.' or '..' or contain '/' or '%'"))
            }
        } else if !type.isVirtual {
            errors += Names.validateDNSSubdomain(name, at: "metadata.name")
        }
        var labels: [String: String] = [:]
        for (key, value) in object["metadata"]?["labels"]?.objectValue ?? [:] {
            guard let text = value.stringValue else {
                errors.append(FieldError(.typeInvalid, "metadata.labels.\(key)", "label values must be strings"))
                continue
            }
            labels[key] = text
        }
        errors += LabelValidation.validate(labels: labels, path: "metadata.labels")
        for (key, value) in object["metadata"]?["annotations"]?.objectValue ?? [:] where value.stringValue == nil {
            errors.append(FieldError(.typeInvalid, "metadata.annotations.\(key)", "annotation values must be strings"))
        }
        return errors
    }

    static func validateBuiltin(_ object: JSONValue, type: ResourceType) throws -> [FieldError] {
        switch (type.group, type.plural) {
        case ("", "pods"):
            let pod = try decode(Pod.self, object, type: type)
            return validatePodSpec(pod.spec, path: "spec")
        case ("batch", "jobs"):
            let job = try decode(Job.self, object, type: type)
            return validatePodSpec(job.spec.template.spec, path: "spec.template.spec")
        case ("apps", "deployments"):
            let deployment = try decode(Deployment.self, object, type: type)
            var errors = validatePodSpec(deployment.spec.template.spec, path: "spec.template.spec")
            if let selector = deployment.spec.selector,
                !selector.matches(deployment.spec.template.metadata.labels)
            {
                errors.append(
                    .invalid("spec.template.metadata.labels", "Invalid value: `selector` does not match template `labels`"))
            }
            return errors
        case ("", "configmaps"):
            try undecodable(stringMap(object["data"], path: "data") + base64Map(object["binaryData"], path: "binaryData"), type)
        case ("", "secrets"):
            var errors = base64Map(object["data"], path: "data") + stringMap(object["stringData"], path: "stringData")
            if let kind = object["type"], kind.stringValue == nil {
                errors.append(FieldError(.typeInvalid, "type", "must be a string"))
            }
            try undecodable(errors, type)
        case ("", "serviceaccounts"): _ = try decode(ServiceAccount.self, object, type: type)
        case ("", "events"): _ = try decode(Event.self, object, type: type)
        case ("", "services"): _ = try decode(Service.self, object, type: type)
        case ("rbac.authorization.k8s.io", "roles"): _ = try decode(Role.self, object, type: type)
        case ("rbac.authorization.k8s.io", "clusterroles"): _ = try decode(ClusterRole.self, object, type: type)
        case ("rbac.authorization.k8s.io", "rolebindings"): _ = try decode(RoleBinding.self, object, type: type)
        case ("rbac.authorization.k8s.io", "clusterrolebindings"):
            _ = try decode(ClusterRoleBinding.self, object, type: type)
        case ("networking.k8s.io", "networkpolicies"): _ = try decode(NetworkPolicy.self, object, type: type)
        case ("coordination.k8s.io", "leases"): _ = try decode(Lease.self, object, type: type)
        case ("apiextensions.k8s.io", "customresourcedefinitions"):
            _ = try decode(CustomResourceDefinition.self, object, type: type)
        default: break
        }
        return []
    }

    /// Wrongly typed fields are a 400, as a failed decode is in Kubernetes.
    static func undecodable(_ errors: [FieldError], _ type: ResourceType) throws {
        guard !errors.isEmpty else { return }
        throw APIError.badRequest(
            "\(type.kind) in version \"\(type.version)\" cannot be handled as a \(type.kind): "
                + errors.map(\.description).joined(separator: ", "))
    }

    /// A map of strings (ConfigMap data, Secret stringData), checked without a typed decode.
    static func stringMap(_ value: JSONValue?, path: String) -> [FieldError] {
        guard let value, value != .null else { return [] }
        guard let members = value.objectValue else { return [FieldError(.typeInvalid, path, "must be a map of strings")] }
        return members.filter { $0.value.stringValue == nil }.keys.sorted().map {
            FieldError(.typeInvalid, "\(path).\($0)", "Invalid value: must be a string")
        }
    }

    /// A map of base64 strings (Secret data, ConfigMap binaryData).
    static func base64Map(_ value: JSONValue?, path: String) -> [FieldError] {
        guard let value, value != .null else { return [] }
        guard let members = value.objectValue else { return [FieldError(.typeInvalid, path, "must be a map of base64 strings")] }
        return members.keys.sorted().compactMap { key in
            guard let text = members[key]?.stringValue, Data(base64Encoded: text) != nil else {
                return FieldError(.invalid, "\(path).\(key)", "Invalid value: must be base64-encoded bytes")
            }
            return nil
        }
    }

    static func decode<T: Decodable>(_ type: T.Type, _ object: JSONValue, type resource: ResourceType) throws -> T {
        do {
            return try object.decode(as: T.self)
        } catch let error as DecodingError {
            throw APIError.badRequest("\(resource.kind) in version \"\(resource.version)\" cannot be handled as a \(resource.kind): \(describe(error))")
        }
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
                .trimmingCharacters(in: CharacterSet(charactersIn: "."))
        }
        switch error {
        case .typeMismatch(let expected, let context):
            return "json: cannot unmarshal into field \(path(context)) of type \(expected)"
        case .keyNotFound(let key, let context):
            let prefix = path(context)
            return "missing required field \"\(prefix.isEmpty ? key.stringValue : prefix + "." + key.stringValue)\""
        case .valueNotFound(_, let context):
            return "field \(path(context)) must not be null"
        case .dataCorrupted(let context):
            return "\(path(context)): \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }

    static func validatePodSpec(_ spec: PodSpec, path: String) -> [FieldError] {
        var errors: [FieldError] = []
        if spec.containers.isEmpty { errors.append(.required("\(path).containers")) }
        var names: Set<String> = []
        for (field, containers) in [("initContainers", spec.initContainers), ("containers", spec.containers)] {
            for (index, container) in containers.enumerated() {
                let base = "\(path).\(field)[\(index)]"
                if container.name.isEmpty {
                    errors.append(.required("\(base).name"))
                } else {
                    errors += Names.validateDNSLabel(container.name, at: "\(base).name")
                    if !names.insert(container.name).inserted {
                        errors.append(FieldError(.duplicate, "\(base).name", "Duplicate value: \"\(container.name)\""))
                    }
                }
                if (container.image ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
                    errors.append(.required("\(base).image"))
                }
            }
        }
        var volumes: Set<String> = []
        for (index, volume) in spec.volumes.enumerated() where !volumes.insert(volume.name).inserted {
            errors.append(FieldError(.duplicate, "\(path).volumes[\(index)].name", "Duplicate value: \"\(volume.name)\""))
        }
        for (index, container) in spec.containers.enumerated() {
            for (mountIndex, mount) in container.volumeMounts.enumerated() where !volumes.contains(mount.name) {
                errors.append(
                    .notSupported("\(path).containers[\(index)].volumeMounts[\(mountIndex)].name", value: mount.name,
                        supported: volumes.sorted()))
            }
        }
        return errors
    }
}

/// Fields a field selector can match, extracted once per write.
enum SelectableFields {
    static func of(_ object: JSONValue, resource: ResourceKey) -> [String: String] {
        let kind = object["kind"]?.stringValue ?? ""
        var fields = FieldSelectorQuery.fields(of: object, kind: kind)
        fields["metadata.name"] = nil
        fields["metadata.namespace"] = nil
        return fields
    }
}
