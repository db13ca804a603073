import APIMachinery
import EmbeddedCluster
import Foundation
import KubeModel
import SympoziumAPI

/// The policy engine in the embedded API server's admission chain: a
/// violating AgentRun is refused by `kubectl apply` itself, with the same
/// message the webhook gives on a cluster.
public struct PolicyAdmissionPlugin: AdmissionPlugin {
    public let name = "SympoziumPolicy"
    let engine: PolicyEngine

    public init(engine: PolicyEngine = PolicyEngine()) {
        self.engine = engine
    }

    static let agentRuns = ResourceKey(group: SympoziumGroup.name, resource: AgentRun.plural)

    public func mutate(_ attributes: inout AdmissionAttributes) async throws {
        guard let decision = try await decide(attributes), !decision.patch.isEmpty, let object = attributes.object else { return }
        do {
            attributes.object = try JSONPatch.apply(.array(decision.patch), to: object)
        } catch {
            throw APIError.internal("the SympoziumPolicy mutation could not be applied: \(error)")
        }
    }

    public func validate(_ attributes: AdmissionAttributes) async throws {
        guard let decision = try await decide(attributes), let denial = decision.denial else { return }
        throw APIError.forbidden("admission webhook \"validate.agentrun.sympozium.ai\" denied the request: \(denial.message)")
    }

    private func decide(_ attributes: AdmissionAttributes) async throws -> AdmissionDecision? {
        guard attributes.resource.key == Self.agentRuns, attributes.subresource == nil, let object = attributes.object,
            let store = attributes.store
        else { return nil }
        let operation: AgentRunAdmission.Operation
        switch attributes.operation {
        case .create: operation = .create
        case .update: operation = .update
        case .delete: return nil
        }
        let reviewer = AgentRunReviewer(engine: engine, source: StorePolicyContext(store: store))
        do {
            return try await reviewer.review(operation: operation, object: object, oldObject: attributes.oldObject, namespace: attributes.namespace)
        } catch let error as AdmissionError {
            throw APIError.badRequest(error.message)
        }
    }
}

/// Reads the engine's inputs straight from the embedded object store.
struct StorePolicyContext: PolicyContextSource {
    let store: ObjectStore

    func instance(namespace: String, name: String) async throws -> SympoziumInstance? {
        try await object(SympoziumInstance.self, namespace: namespace, name: name)
    }

    func policy(namespace: String, name: String) async throws -> SympoziumPolicy? {
        try await object(SympoziumPolicy.self, namespace: namespace, name: name)
    }

    func runsInFlight(namespace: String, instance: String, excluding: String?) async throws -> Int {
        let stored = await store.list(PolicyAdmissionPlugin.agentRuns, namespace: namespace).items
        // Two fields per run, read without decoding whole AgentRuns: this runs on every create.
        return try stored.filter { $0.key.name != excluding && !$0.isBeingDeleted }.count { item in
            let object = try item.object()
            guard object["spec"]?["instanceRef"]?.stringValue == instance else { return false }
            let phase = object["status"]?["phase"]?.stringValue
            return phase != AgentRunPhase.succeeded.rawValue && phase != AgentRunPhase.failed.rawValue
        }
    }

    private func object<R: KubernetesResource & Decodable>(_ type: R.Type, namespace: String, name: String) async throws -> R? {
        let key = ResourceKey(group: R.group, resource: R.plural)
        guard let stored = await store.get(key, ObjectKey(namespace: namespace, name: name)) else { return nil }
        return try stored.object().decode(as: R.self)
    }
}
