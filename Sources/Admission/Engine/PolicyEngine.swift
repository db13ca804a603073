import KubeModel
import SympoziumAPI

/// SympoziumPolicy enforcement for AgentRuns, as pure functions: the same
/// engine answers the admission webhook (cluster mode) and the embedded API
/// server's admission chain. Mutation runs first (inject the sandbox, derive
/// the tool policy, label the run), then validation judges the mutated run.
public struct PolicyEngine: Sendable {
    public struct Configuration: Sendable, Hashable {
        /// The sandbox image injected when the policy requires a sandbox and names none.
        public var defaultSandboxImage: String

        public init(defaultSandboxImage: String = "ghcr.io/sympozium-ai/sympozium/sandbox:v0.1.0") {
            self.defaultSandboxImage = defaultSandboxImage
        }
    }

    public static let roleLabel = SympoziumLabel.role
    public static let sandboxLabel = SympoziumLabel.sandbox

    public var configuration: Configuration

    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    public func admit(_ request: AgentRunAdmission) -> AdmissionDecision {
        var patch = RunPatch(run: request.run)
        if request.run.metadata.deletionTimestamp == nil {
            mutate(&patch, policy: request.policy)
        }
        let denial = validate(request, mutated: patch.run)
        return AdmissionDecision(denial: denial, patch: patch.operations, mutated: patch.run)
    }

    // MARK: Mutation

    func mutate(_ patch: inout RunPatch, policy: SympoziumPolicy?) {
        if let sandboxPolicy = policy?.spec.sandboxPolicy, sandboxPolicy.required {
            let image = sandboxPolicy.defaultImage ?? configuration.defaultSandboxImage
            if patch.run.spec.sandbox == nil {
                patch.add("/spec/sandbox", ["enabled": true, "image": .string(image)]) { $0.spec.sandbox = AgentRunSandboxSpec(enabled: true, image: image) }
            } else if patch.run.spec.sandbox?.enabled == true, patch.run.spec.sandbox?.image == nil {
                patch.add("/spec/sandbox/image", .string(image)) { $0.spec.sandbox?.image = image }
            }
        }
        if let gating = policy?.spec.toolGating {
            deriveToolPolicy(&patch, gating: gating)
        }
        let sandboxed = patch.run.spec.sandbox?.enabled == true ? "true" : "false"
        if patch.run.metadata.labels.isEmpty {
            patch.add("/metadata/labels", [Self.roleLabel: "agent", Self.sandboxLabel: .string(sandboxed)]) {
                $0.metadata.labels = [Self.roleLabel: "agent", Self.sandboxLabel: sandboxed]
            }
        } else {
            patch.setLabel(Self.roleLabel, "agent")
            patch.setLabel(Self.sandboxLabel, sandboxed)
        }
    }

    /// A run without a tool policy gets the policy's rules: allow (the allow
    /// and ask rules when the default is deny), deny, and ask as requireApproval.
    /// A run with its own tool policy keeps it; tools it allows that the
    /// policy gates with "ask" are marked as needing approval.
    func deriveToolPolicy(_ patch: inout RunPatch, gating: ToolGating) {
        let rules = Dictionary(gating.rules.map { ($0.tool, $0.action) }, uniquingKeysWith: { _, last in last })
        let ordered = gating.rules.map(\.tool).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        let ask = ordered.filter { rules[$0] == .ask }
        guard let existing = patch.run.spec.toolPolicy else {
            let defaultDeny = (gating.defaultAction ?? .allow) == .deny
            var derived = ToolPolicySpec(
                allow: defaultDeny ? ordered.filter { rules[$0] == .allow || rules[$0] == .ask } : [],
                deny: ordered.filter { rules[$0] == .deny }, requireApproval: ask)
            if gating.defaultAction == .ask { derived.requireApproval.append("*") }
            guard !(derived.allow.isEmpty && derived.deny.isEmpty && derived.requireApproval.isEmpty) else { return }
            var value: [String: JSONValue] = [:]
            if !derived.allow.isEmpty { value["allow"] = .array(derived.allow.map(JSONValue.string)) }
            if !derived.deny.isEmpty { value["deny"] = .array(derived.deny.map(JSONValue.string)) }
            if !derived.requireApproval.isEmpty { value["requireApproval"] = .array(derived.requireApproval.map(JSONValue.string)) }
            patch.add("/spec/toolPolicy", .object(value)) { $0.spec.toolPolicy = derived }
            return
        }
        let needed = existing.allow.filter { gating.action(for: $0) == .ask && !existing.requireApproval.contains($0) }
        guard !needed.isEmpty else { return }
        let merged = existing.requireApproval + needed
        patch.add("/spec/toolPolicy/requireApproval", .array(merged.map(JSONValue.string))) { $0.spec.toolPolicy?.requireApproval = merged }
    }

    // MARK: Validation

    func validate(_ request: AgentRunAdmission, mutated run: AgentRun) -> AdmissionDecision.Denial? {
        // A run being deleted, or an update that leaves the spec alone (the
        // controller's finalizer and label writes), is never refused.
        guard run.metadata.deletionTimestamp == nil else { return nil }
        if request.operation == .update, let old = request.oldRun, old.spec == request.run.spec { return nil }
        guard let instance = request.instance else { return nil }
        let policy = request.policy
        let policyName = policy?.metadata.name ?? ""
        let limits = RunLimits(instance: instance, policy: policy)
        if !limits.allowsDepth(run.spec.spawnDepth) {
            return deny(
                "SubagentDepthExceeded", rule: policy?.spec.subagentPolicy != nil ? "spec.subagentPolicy.maxDepth" : "spec.agents.default.subagents.maxDepth",
                "sub-agent depth \(run.spec.spawnDepth) exceeds the maximum of \(limits.maxDepth) set by \(limits.source)")
        }
        if request.operation == .create, request.runsInFlight >= limits.maxConcurrent {
            return deny(
                "ConcurrencyLimitExceeded",
                rule: policy?.spec.subagentPolicy != nil ? "spec.subagentPolicy.maxConcurrent" : "spec.agents.default.subagents.maxConcurrent",
                "instance \(instance.metadata.name ?? "") already has \(request.runsInFlight) runs in flight, the maximum set by \(limits.source)")
        }
        guard let policy else { return nil }
        if policy.spec.sandboxPolicy?.required == true, run.spec.sandbox?.enabled != true {
            return deny(
                "SandboxRequired", rule: "spec.sandboxPolicy.required",
                "policy \(policyName) requires a sandbox, and the run disables it (spec.sandbox.enabled: false)")
        }
        if let gating = policy.spec.toolGating {
            for tool in run.spec.toolPolicy?.allow ?? [] where gating.action(for: tool) == .deny {
                let named = gating.rules.contains { $0.tool == tool }
                return deny(
                    "ToolDenied", rule: named ? "spec.toolGating.rules[tool=\(tool)]" : "spec.toolGating.defaultAction",
                    "policy \(policyName) denies the tool \(tool) that the run allows")
            }
        }
        for (gate, because) in FeatureGate.requested(by: run) where policy.spec.featureGates[gate.rawValue] == false {
            return deny(
                "FeatureGateDisabled", rule: "spec.featureGates[\(gate.rawValue)]",
                "policy \(policyName) disables the feature gate \(gate.rawValue), which the run needs (\(because))")
        }
        return nil
    }

    private func deny(_ code: String, rule: String, _ message: String) -> AdmissionDecision.Denial {
        AdmissionDecision.Denial(code: code, rule: rule, message: "\(message) [rule \(rule)]")
    }
}
