import Foundation
import KubeModel
import KubeYAML
import SympoziumAPI
import Testing

@Suite("Defaulting and validation")
struct DefaultingAndValidationTests {
    @Test func instanceDefaults() throws {
        let instance = try YAMLReader.decode(
            SympoziumInstance.self,
            from: """
                apiVersion: sympozium.ai/v1alpha1
                kind: SympoziumInstance
                metadata: {name: alice}
                spec:
                  agents:
                    default:
                      model: gpt-4o
                      subagents: {}
                  memory:
                    enabled: true
                """
        ).defaulted()
        #expect(instance.spec.memory?.maxSizeKB == 256)
        #expect(instance.spec.agents.default.subagents?.maxDepth == 2)
        #expect(instance.spec.agents.default.subagents?.maxConcurrent == 5)
        #expect(instance.spec.agents.default.subagents?.maxChildrenPerAgent == 3)
        #expect(instance.validate().isEmpty)
    }

    @Test func scheduleDefaultsAndCronValidation() throws {
        var schedule = SympoziumSchedule(
            metadata: ObjectMeta(name: "nightly"),
            spec: SympoziumScheduleSpec(instanceRef: "alice", schedule: "61 * * * *", task: "sweep"))
        schedule = try schedule.defaulted()
        #expect(schedule.spec.concurrencyPolicy == .forbid)
        #expect(schedule.spec.includeMemory == true)
        #expect(schedule.spec.type == .scheduled)
        let errors = schedule.validate()
        #expect(errors.count == 1)
        #expect(errors.first?.description.hasPrefix(#"spec.schedule: invalid cron expression "61 * * * *""#) == true)
    }

    @Test func policyAndRunDefaults() throws {
        let policy = try SympoziumPolicy(
            metadata: ObjectMeta(name: "p"),
            spec: SympoziumPolicySpec(toolGating: ToolGating(), networkPolicy: NetworkIsolationSpec())
        ).defaulted()
        #expect(policy.spec.toolGating?.defaultAction == .allow)
        #expect(policy.spec.networkPolicy == NetworkIsolationSpec(denyAll: true, allowDNS: true, allowEventBus: true))
        let run = try AgentRun.sample.defaulted()
        #expect(run.spec.cleanup == .delete)
    }

    @Test func unknownEnumValuesDecodeButFailValidation() throws {
        var run = AgentRun.sample
        run.spec.cleanup = "shred"
        let decoded = try JSONValue(encoding: run).decode(as: AgentRun.self)
        #expect(decoded.spec.cleanup?.rawValue == "shred")
        #expect(decoded.validate().map(\.path) == ["spec.cleanup"])
    }

    @Test func runValidationNamesEachField() {
        var run = AgentRun.sample
        run.metadata.name = "Bad_Name"
        run.spec.task = ""
        run.spec.timeout = "soon"
        run.spec.skills = [SkillRef()]
        run.spec.parent = ParentRunRef(runName: "parent", sessionKey: "s", spawnDepth: 0)
        let paths = run.validate().map(\.path)
        #expect(paths == ["metadata.name", "spec.task", "spec.timeout", "spec.parent.spawnDepth", "spec.skills[0]"])
    }

    @Test func instanceValidationCatchesDuplicatesAndBadRefs() {
        let instance = SympoziumInstance(
            metadata: ObjectMeta(name: "alice"),
            spec: SympoziumInstanceSpec(
                channels: [ChannelSpec(type: .telegram), ChannelSpec(type: .telegram)],
                agents: AgentsSpec(default: AgentConfig(model: "")),
                memory: MemorySpec(maxSizeKB: 0)))
        #expect(
            instance.validate().map(\.description) == [
                "spec.agents.default.model: Required value",
                #"spec.channels[1].type: Duplicate value: "telegram""#,
                "spec.memory.maxSizeKB: Invalid value: 0: must be greater than 0",
            ])
    }

    @Test func toolGatingPicksRuleThenDefault() {
        let gating = ToolGating(defaultAction: .deny, rules: [ToolGatingRule(tool: "execute_command", action: .ask)])
        #expect(gating.action(for: "execute_command") == .ask)
        #expect(gating.action(for: "fetch_url") == .deny)
        #expect(ToolGating().action(for: "anything") == .allow)
    }
}

extension AgentRun {
    static var sample: AgentRun {
        AgentRun(
            metadata: ObjectMeta(name: "run-1", namespace: "default"),
            spec: AgentRunSpec(
                instanceRef: "alice", agentId: "default", task: "Check the cluster",
                model: ModelSpec(provider: "openai", model: "gpt-4o", authSecretRef: "alice-openai"),
                sessionKey: "session-1"))
    }
}
