import KubeModel
import SympoziumAPI

/// Where the engine's inputs come from: the API server in cluster mode, the
/// embedded object store in embedded mode.
public protocol PolicyContextSource: Sendable {
    func instance(namespace: String, name: String) async throws -> SympoziumInstance?
    func policy(namespace: String, name: String) async throws -> SympoziumPolicy?
    /// Runs of the instance that have not finished, other than `excluding`.
    func runsInFlight(namespace: String, instance: String, excluding: String?) async throws -> Int
}

extension AgentRun {
    /// Counts against its instance's concurrency limit: not finished and not being deleted.
    public var isInFlight: Bool {
        status?.phase?.isTerminal != true && metadata.deletionTimestamp == nil
    }
}

/// Turns a raw admission request for an AgentRun into the engine's decision,
/// looking up the instance, its policy and the runs in flight.
public struct AgentRunReviewer: Sendable {
    public let engine: PolicyEngine
    public let source: any PolicyContextSource

    public init(engine: PolicyEngine = PolicyEngine(), source: any PolicyContextSource) {
        self.engine = engine
        self.source = source
    }

    public func review(
        operation: AgentRunAdmission.Operation, object: JSONValue, oldObject: JSONValue?, namespace: String?
    ) async throws -> AdmissionDecision {
        let run: AgentRun
        do {
            run = try object.decode(as: AgentRun.self)
        } catch {
            throw AdmissionError(code: "InvalidObject", "the request's object is not a valid AgentRun: \(error)")
        }
        let oldRun = try? oldObject?.decode(as: AgentRun.self)
        let namespace = run.metadata.namespace ?? namespace ?? "default"
        let instance = try await source.instance(namespace: namespace, name: run.spec.instanceRef)
        var policy: SympoziumPolicy?
        if let policyName = instance?.spec.policyRef {
            policy = try await source.policy(namespace: namespace, name: policyName)
        }
        let inFlight =
            operation == .create
            ? try await source.runsInFlight(namespace: namespace, instance: run.spec.instanceRef, excluding: run.metadata.name) : 0
        return engine.admit(
            AgentRunAdmission(operation: operation, run: run, oldRun: oldRun, instance: instance, policy: policy, runsInFlight: inFlight))
    }
}
