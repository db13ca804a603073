import KubeModel

extension SkillPack {
    public func validateSemantics() -> [FieldError] {
        var errors: [FieldError] = []
        if spec.skills.isEmpty {
            errors.append(.required("spec.skills", "Required value: a pack needs at least one skill"))
        }
        var names: Set<String> = []
        for (index, skill) in spec.skills.enumerated() {
            let path = "spec.skills[\(index)].name"
            if !isConfigMapKey(skill.fileName) {
                errors.append(
                    .invalid(path, "Invalid value: \"\(skill.name)\": must be a valid file name of letters, digits, '-', '_' or '.'"))
            } else if !names.insert(skill.name).inserted {
                errors.append(FieldError(.duplicate, path, "Duplicate value: \"\(skill.name)\""))
            }
        }
        if let sidecar = spec.sidecar {
            if sidecar.image.isEmpty { errors.append(.required("spec.sidecar.image")) }
            for (field, rules) in [("rbac", sidecar.rbac), ("clusterRBAC", sidecar.clusterRBAC)] {
                for (index, rule) in rules.enumerated() where rule.verbs.isEmpty || rule.resources.isEmpty {
                    errors.append(
                        .invalid("spec.sidecar.\(field)[\(index)]", "Invalid value: a rule needs verbs and resources"))
                }
            }
            for (name, value) in [("cpu", sidecar.resources?.cpu), ("memory", sidecar.resources?.memory)] {
                if let value, Quantity(parsing: value) == nil {
                    errors.append(.invalid("spec.sidecar.resources.\(name)", "Invalid value: \"\(value)\": not a quantity"))
                }
            }
        }
        return errors
    }

    /// ConfigMap keys: letters, digits, '-', '_' and '.', at most 253 characters.
    private func isConfigMapKey(_ key: String) -> Bool {
        guard (1...253).contains(key.utf8.count), key != ".", key != ".." else { return false }
        return key.utf8.allSatisfy { byte in
            (byte >= 97 && byte <= 122) || (byte >= 65 && byte <= 90) || (byte >= 48 && byte <= 57)
                || byte == 45 || byte == 95 || byte == 46
        }
    }
}
