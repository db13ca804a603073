import KubeModel

extension SympoziumInstance {
    public func validateSemantics() -> [FieldError] {
        var errors: [FieldError] = []
        if spec.agents.default.model.isEmpty {
            errors.append(.required("spec.agents.default.model"))
        }
        var seenChannels: Set<String> = []
        for (index, channel) in spec.channels.enumerated() {
            let path = "spec.channels[\(index)]"
            if channel.type.rawValue.isEmpty {
                errors.append(.required("\(path).type"))
            } else if !seenChannels.insert(channel.type.rawValue).inserted {
                errors.append(FieldError(.duplicate, "\(path).type", "Duplicate value: \"\(channel.type)\""))
            }
            if let secret = channel.configRef?.secret {
                errors += Names.validateDNSSubdomain(secret, at: "\(path).configRef.secret")
            }
        }
        for (index, skill) in spec.skills.enumerated() {
            errors += skill.validate(at: "spec.skills[\(index)]")
        }
        for (index, auth) in spec.authRefs.enumerated() {
            errors += Names.validateDNSSubdomain(auth.secret, at: "spec.authRefs[\(index)].secret")
        }
        if let policy = spec.policyRef {
            errors += Names.validateDNSSubdomain(policy, at: "spec.policyRef")
        }
        if let size = spec.memory?.maxSizeKB, size <= 0 {
            errors.append(.invalid("spec.memory.maxSizeKB", "Invalid value: \(size): must be greater than 0"))
        }
        if let subagents = spec.agents.default.subagents {
            let limits = [
                ("maxDepth", subagents.maxDepth), ("maxConcurrent", subagents.maxConcurrent),
                ("maxChildrenPerAgent", subagents.maxChildrenPerAgent),
            ]
            for (name, value) in limits {
                if let value, value < 0 {
                    errors.append(
                        .invalid("spec.agents.default.subagents.\(name)", "Invalid value: \(value): must be >= 0"))
                }
            }
        }
        return errors
    }
}
