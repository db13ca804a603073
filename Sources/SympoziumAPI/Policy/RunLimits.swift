import KubeModel

/// Sub-agent depth and concurrency limits for an instance's runs: the
/// policy's when it sets them, else the instance's, else the defaults.
/// The depth rule is the one the admission webhook applies too.
public struct RunLimits: Sendable, Hashable {
    public var maxDepth: Int
    public var maxConcurrent: Int
    /// Where the limits came from, for messages ("policy restrictive").
    public var source: String

    public init(instance: SympoziumInstance, policy: SympoziumPolicy?) {
        let subagents = instance.spec.agents.default.subagents
        if let rules = policy?.spec.subagentPolicy, let name = policy?.metadata.name {
            maxDepth = rules.effectiveMaxDepth
            maxConcurrent = rules.effectiveMaxConcurrent
            source = "policy \(name)"
        } else {
            maxDepth = subagents?.maxDepth ?? Int(SubagentsSpec.defaultMaxDepth)
            maxConcurrent = subagents?.maxConcurrent ?? Int(SubagentsSpec.defaultMaxConcurrent)
            source = "instance \(instance.metadata.name ?? "")"
        }
    }

    /// A run may spawn at this depth when it does not exceed the maximum.
    public func allowsDepth(_ depth: Int) -> Bool { depth <= maxDepth }
}
