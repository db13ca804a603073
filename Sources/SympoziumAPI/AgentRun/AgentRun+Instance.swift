import Foundation
import KubeModel

/// What a caller may choose for a run started from an instance; everything
/// left nil comes from the instance.
public struct AgentRunOverrides: Sendable, Hashable {
    /// Model name (default: the instance's default agent's).
    public var model: String?
    /// Provider (default: the instance's first auth reference's). Also picks
    /// the auth reference of that provider when the instance has one.
    public var provider: String?
    /// Base URL of an OpenAI-compatible API (default: the instance's).
    public var baseURL: String?

    public init(model: String? = nil, provider: String? = nil, baseURL: String? = nil) {
        self.model = model
        self.provider = provider
        self.baseURL = baseURL
    }
}

extension AgentRun {
    /// A run of `task` as `instance`, the way `sympozium run` and the HTTP API
    /// start one: generateName `<instance>-run-`, labelled with its instance,
    /// the default agent's model and base URL, the auth reference of the
    /// chosen provider (else the first), and a fresh session key.
    public static func task(
        _ task: String, for instance: SympoziumInstance, namespace: String? = nil,
        overrides: AgentRunOverrides = AgentRunOverrides(), sessionKey: String = UUID().uuidString.lowercased()
    ) -> AgentRun {
        let instanceName = instance.metadata.name ?? ""
        let provider = overrides.provider
        let auth = instance.spec.authRefs.first { provider == nil || $0.provider == provider } ?? instance.spec.authRefs.first
        let agent = instance.spec.agents.default
        let spec = AgentRunSpec(
            instanceRef: instanceName, agentId: "default", task: task,
            model: ModelSpec(
                provider: provider ?? auth?.provider ?? "openai", model: overrides.model ?? agent.model,
                baseURL: overrides.baseURL ?? agent.baseURL, authSecretRef: auth?.secret ?? ""),
            sessionKey: sessionKey)
        // A label value holds at most 63 characters; longer names go unlabelled.
        let labels = instanceName.utf8.count <= 63 ? [SympoziumLabel.instance: instanceName] : [:]
        let metadata = ObjectMeta(
            generateName: "\(instanceName)-run-", namespace: namespace ?? instance.metadata.namespace, labels: labels)
        return AgentRun(metadata: metadata, spec: spec)
    }
}
