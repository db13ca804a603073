import KubeModel
import KubeYAML
import SympoziumAPI
import Testing

@Suite("A run of a task, filled from its instance")
struct AgentRunTemplateTests {
    static let instance = """
        apiVersion: sympozium.ai/v1alpha1
        kind: SympoziumInstance
        metadata: {name: alice, namespace: team}
        spec:
          agents: {default: {model: gpt-4o, baseURL: "http://llm.local/v1"}}
          authRefs: [{provider: openai, secret: alice-openai}, {provider: anthropic, secret: alice-anthropic}]
        """

    @Test("defaults come from the instance: model, base URL, first auth reference, generateName, label, namespace")
    func defaults() throws {
        let instance = try YAMLReader.decode(SympoziumInstance.self, from: Self.instance)
        let run = AgentRun.task("list the pods", for: instance, sessionKey: "s1")
        #expect(run.metadata.generateName == "alice-run-")
        #expect(run.metadata.name == nil)
        #expect(run.metadata.namespace == "team")
        #expect(run.metadata.labels[SympoziumLabel.instance] == "alice")
        #expect(run.spec.instanceRef == "alice")
        #expect(run.spec.agentId == "default")
        #expect(run.spec.task == "list the pods")
        #expect(run.spec.sessionKey == "s1")
        #expect(run.spec.model == ModelSpec(provider: "openai", model: "gpt-4o", baseURL: "http://llm.local/v1", authSecretRef: "alice-openai"))
        #expect(run.validate().isEmpty)
    }

    @Test("overrides pick the model, the provider's own auth reference and the base URL; the namespace can be set")
    func overrides() throws {
        let instance = try YAMLReader.decode(SympoziumInstance.self, from: Self.instance)
        let run = AgentRun.task(
            "t", for: instance, namespace: "other",
            overrides: AgentRunOverrides(model: "claude-sonnet-4", provider: "anthropic", baseURL: "http://proxy/v1"))
        #expect(run.metadata.namespace == "other")
        #expect(run.spec.model == ModelSpec(provider: "anthropic", model: "claude-sonnet-4", baseURL: "http://proxy/v1", authSecretRef: "alice-anthropic"))
        #expect(AgentRun.task("t", for: instance).spec.sessionKey != AgentRun.task("t", for: instance).spec.sessionKey)
    }
}
