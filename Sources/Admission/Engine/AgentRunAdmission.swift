import KubeModel
import SympoziumAPI

/// Everything the policy engine looks at for one AgentRun request.
public struct AgentRunAdmission: Sendable {
    public enum Operation: String, Sendable {
        case create = "CREATE"
        case update = "UPDATE"
    }

    public var operation: Operation
    /// The run as it would be stored.
    public var run: AgentRun
    /// The stored run, for UPDATE.
    public var oldRun: AgentRun?
    /// The run's SympoziumInstance; nil when it does not exist.
    public var instance: SympoziumInstance?
    /// The instance's policy; nil when the instance names none.
    public var policy: SympoziumPolicy?
    /// Other runs of the same instance that have not finished.
    public var runsInFlight: Int

    public init(
        operation: Operation, run: AgentRun, oldRun: AgentRun? = nil, instance: SympoziumInstance?, policy: SympoziumPolicy?,
        runsInFlight: Int = 0
    ) {
        self.operation = operation
        self.run = run
        self.oldRun = oldRun
        self.instance = instance
        self.policy = policy
        self.runsInFlight = runsInFlight
    }
}

/// The engine's answer: allowed or denied (with the rule that denied it), and
/// the JSON Patch operations that mutate the run.
public struct AdmissionDecision: Sendable, Hashable {
    /// The rule that denied the request, as a stable code and a field path of the policy.
    public struct Denial: Sendable, Hashable, CustomStringConvertible {
        /// Stable identifier: SandboxRequired, SubagentDepthExceeded, ConcurrencyLimitExceeded,
        /// ToolDenied, FeatureGateDisabled.
        public var code: String
        /// The policy field that holds the rule ("spec.toolGating.rules[tool=write_file]").
        public var rule: String
        public var message: String

        public var description: String { message }
    }

    public var denial: Denial?
    /// RFC 6902 operations, in order; empty when nothing changes.
    public var patch: [JSONValue]
    /// The run after the patch.
    public var mutated: AgentRun

    public var allowed: Bool { denial == nil }
}

/// The error an admission path throws when the engine cannot decide (the
/// request body is not an AgentRun, a lookup failed).
public struct AdmissionError: Error, Sendable, CustomStringConvertible {
    public var code: String
    public var message: String

    public init(code: String, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
