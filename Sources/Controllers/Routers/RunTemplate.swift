import KubeModel
import SympoziumAPI

/// The AgentRun spec an instance gives a run that a router starts: its
/// default model, provider and credentials, and its skills.
public enum RunTemplate {
    public static func spec(for instance: SympoziumInstance, task: String, sessionKey: String, agentId: String = "default") -> AgentRunSpec {
        let auth = instance.spec.authRefs.first
        let provider = auth?.provider ?? "openai"
        let agent = instance.spec.agents.default
        return AgentRunSpec(
            instanceRef: instance.metadata.name ?? "", agentId: agentId, task: task,
            model: ModelSpec(
                provider: provider, model: agent.model, baseURL: agent.baseURL, thinking: agent.thinking,
                authSecretRef: auth?.secret ?? "\(instance.metadata.name ?? "")-\(provider)"),
            skills: instance.spec.skills, sessionKey: sessionKey)
    }
}
