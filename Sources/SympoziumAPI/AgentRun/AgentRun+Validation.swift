import KubeModel

extension AgentRun {
    public func validateSemantics() -> [FieldError] {
        var errors: [FieldError] = []
        let required: [(String, String)] = [
            ("spec.instanceRef", spec.instanceRef), ("spec.agentId", spec.agentId), ("spec.task", spec.task),
            ("spec.sessionKey", spec.sessionKey), ("spec.model.provider", spec.model.provider),
            ("spec.model.model", spec.model.model),
        ]
        for (path, value) in required where value.isEmpty {
            errors.append(.required(path))
        }
        if !spec.instanceRef.isEmpty {
            errors += Names.validateDNSSubdomain(spec.instanceRef, at: "spec.instanceRef")
        }
        if let timeout = spec.timeout {
            if let duration = KubeDuration(parsing: timeout) {
                if duration.nanoseconds <= 0 {
                    errors.append(.invalid("spec.timeout", "Invalid value: \"\(timeout)\": must be positive"))
                }
            } else {
                errors.append(.invalid("spec.timeout", "Invalid value: \"\(timeout)\": not a duration such as 10m or 1h30m"))
            }
        }
        if let parent = spec.parent {
            if parent.spawnDepth < 1 {
                errors.append(.invalid("spec.parent.spawnDepth", "Invalid value: \(parent.spawnDepth): must be at least 1"))
            }
            errors += Names.validateDNSSubdomain(parent.runName, at: "spec.parent.runName")
        }
        for (index, skill) in spec.skills.enumerated() {
            errors += skill.validate(at: "spec.skills[\(index)]")
        }
        if let policy = spec.toolPolicy {
            for tool in Set(policy.allow).intersection(policy.deny).sorted() {
                errors.append(.invalid("spec.toolPolicy", "Invalid value: \"\(tool)\": tool is both allowed and denied"))
            }
        }
        if let resources = spec.sandbox?.resources {
            for (kind, values) in [("limits", resources.limits), ("requests", resources.requests)] {
                for (name, value) in values.sorted(by: { $0.key < $1.key }) where Quantity(parsing: value) == nil {
                    errors.append(.invalid("spec.sandbox.resources.\(kind).\(name)", "Invalid value: \"\(value)\": not a quantity"))
                }
            }
        }
        return errors
    }
}
