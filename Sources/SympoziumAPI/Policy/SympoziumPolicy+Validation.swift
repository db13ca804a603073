import KubeModel

extension SympoziumPolicy {
    /// Feature gates this version knows; others are accepted and ignored.
    public static let knownFeatureGates = ["code-execution", "sub-agents", "browser-automation", "file-access"]

    public func validateSemantics() -> [FieldError] {
        var errors: [FieldError] = []
        if let sandbox = spec.sandboxPolicy {
            for (name, value) in [("maxCPU", sandbox.maxCPU), ("maxMemory", sandbox.maxMemory)] {
                if let value, Quantity(parsing: value) == nil {
                    errors.append(.invalid("spec.sandboxPolicy.\(name)", "Invalid value: \"\(value)\": not a quantity"))
                }
            }
        }
        if let subagents = spec.subagentPolicy {
            for (name, value) in [("maxDepth", subagents.maxDepth), ("maxConcurrent", subagents.maxConcurrent)] {
                if let value, value < 0 {
                    errors.append(.invalid("spec.subagentPolicy.\(name)", "Invalid value: \(value): must be >= 0"))
                }
            }
        }
        for (index, rule) in (spec.toolGating?.rules ?? []).enumerated() where rule.tool.isEmpty {
            errors.append(.required("spec.toolGating.rules[\(index)].tool"))
        }
        for (index, egress) in (spec.networkPolicy?.allowedEgress ?? []).enumerated() {
            if egress.host.isEmpty { errors.append(.required("spec.networkPolicy.allowedEgress[\(index)].host")) }
            if let port = egress.port, !(1...65535).contains(port) {
                errors.append(
                    .invalid("spec.networkPolicy.allowedEgress[\(index)].port", "Invalid value: \(port): must be 1-65535"))
            }
        }
        return errors
    }
}
