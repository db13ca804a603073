import Admission
import Foundation
import KubeModel
import SympoziumAPI
import Testing

@Suite("The policy engine over AdmissionReview fixtures")
struct PolicyEngineTests {
    struct DenialCase: Sendable, CustomTestStringConvertible {
        var name: String
        var policy: String
        var spec: [String: JSONValue]
        var inFlight = 0
        var message: String
        var testDescription: String { name }
    }

    static let denials: [DenialCase] = [
        DenialCase(
            name: "sandbox required but disabled", policy: "restrictive", spec: ["sandbox": ["enabled": false]],
            message: "policy restrictive requires a sandbox, and the run disables it (spec.sandbox.enabled: false) [rule spec.sandboxPolicy.required]"),
        DenialCase(
            name: "sub-agent too deep", policy: "restrictive",
            spec: ["parent": ["runName": "root", "sessionKey": "root", "spawnDepth": 3]],
            message: "sub-agent depth 3 exceeds the maximum of 2 set by policy restrictive [rule spec.subagentPolicy.maxDepth]"),
        DenialCase(
            name: "too many runs in flight", policy: "restrictive", spec: [:], inFlight: 3,
            message: "instance alice already has 3 runs in flight, the maximum set by policy restrictive [rule spec.subagentPolicy.maxConcurrent]"),
        DenialCase(
            name: "a tool the policy denies by rule", policy: "restrictive", spec: ["toolPolicy": ["allow": ["read_file", "fetch_url"]]],
            message: "policy restrictive denies the tool fetch_url that the run allows [rule spec.toolGating.rules[tool=fetch_url]]"),
        DenialCase(
            name: "a tool the policy denies by default", policy: "restrictive", spec: ["toolPolicy": ["allow": ["spawn_subagent"]]],
            message: "policy restrictive denies the tool spawn_subagent that the run allows [rule spec.toolGating.defaultAction]"),
        DenialCase(
            name: "a disabled feature gate", policy: "network-isolated", spec: ["skills": [["skillPackRef": "browser-tools"]]],
            message: "policy network-isolated disables the feature gate browser-automation, which the run needs (spec.skills[browser-tools]) [rule spec.featureGates[browser-automation]]"),
    ]

    @Test("each denial names its rule", arguments: denials)
    func denied(_ example: DenialCase) async throws {
        var context = try Fixtures.context(policy: example.policy)
        context.inFlight = example.inFlight
        let handler = AdmissionReviewHandler(reviewer: AgentRunReviewer(source: context))
        let answer = await handler.handle(Fixtures.review(Fixtures.run(example.spec)), path: .validate)
        let response = try #require(answer.response)
        #expect(response.uid == "uid-1")
        #expect(!response.allowed)
        #expect(response.result?.code == 403)
        #expect(response.result?.message == example.message)
    }

    @Test("a run within its policy is allowed, with no patch on the validating path")
    func allowed() async throws {
        let handler = AdmissionReviewHandler(reviewer: AgentRunReviewer(source: try Fixtures.context(policy: "permissive")))
        let answer = await handler.handle(Fixtures.review(Fixtures.run(["toolPolicy": ["allow": ["write_file"]]])), path: .validate)
        #expect(answer.response?.allowed == true)
        #expect(answer.response?.patch == nil)
    }

    @Test("a run whose spec did not change is not judged again on UPDATE (finalizers, labels)")
    func updateWithoutSpecChange() async throws {
        var context = try Fixtures.context(policy: "restrictive")
        context.inFlight = 10
        let handler = AdmissionReviewHandler(reviewer: AgentRunReviewer(source: context))
        let run = Fixtures.run(["sandbox": ["enabled": false]])
        let answer = await handler.handle(Fixtures.review(run, operation: .update, old: run), path: .validate)
        #expect(answer.response?.allowed == true)
    }

    @Test("an object that is not an AgentRun is a 400 with a clear message")
    func malformed() async throws {
        let handler = AdmissionReviewHandler(reviewer: AgentRunReviewer(source: try Fixtures.context(policy: "restrictive")))
        let answer = await handler.handle(Fixtures.review(["kind": "AgentRun", "spec": ["task": 3]]), path: .validate)
        #expect(answer.response?.allowed == false)
        #expect(answer.response?.result?.code == 400)
        #expect(answer.response?.result?.message?.contains("not a valid AgentRun") == true)
    }

    struct MutationCase: Sendable, CustomTestStringConvertible {
        var name: String
        var policy: String?
        var spec: [String: JSONValue]
        var labels: [String: String]?
        var patch: JSONValue
        var testDescription: String { name }
    }

    static let mutations: [MutationCase] = [
        MutationCase(
            name: "restrictive: sandbox injected, tool policy derived, labels added", policy: "restrictive", spec: [:],
            patch: [
                ["op": "add", "path": "/spec/sandbox", "value": ["enabled": true, "image": "ghcr.io/sympozium-ai/sympozium/sandbox:v0.1.0"]],
                [
                    "op": "add", "path": "/spec/toolPolicy",
                    "value": [
                        "allow": ["execute_command", "read_file", "list_directory", "send_channel_message"],
                        "deny": ["write_file", "fetch_url"], "requireApproval": ["execute_command"],
                    ],
                ],
                ["op": "add", "path": "/metadata/labels", "value": ["sympozium.ai/role": "agent", "sympozium.ai/sandbox": "true"]],
            ]),
        MutationCase(
            name: "restrictive: a run's own tool policy kept, ask tools marked", policy: "restrictive",
            spec: ["sandbox": ["enabled": true, "image": "example.com/sandbox:1"], "toolPolicy": ["allow": ["execute_command", "read_file"]]],
            labels: ["team": "sre", "sympozium.ai/sandbox": "false"],
            patch: [
                ["op": "add", "path": "/spec/toolPolicy/requireApproval", "value": ["execute_command"]],
                ["op": "add", "path": "/metadata/labels/sympozium.ai~1role", "value": "agent"],
                ["op": "replace", "path": "/metadata/labels/sympozium.ai~1sandbox", "value": "true"],
            ]),
        MutationCase(
            name: "permissive: only labels", policy: "permissive", spec: [:],
            patch: [["op": "add", "path": "/metadata/labels", "value": ["sympozium.ai/role": "agent", "sympozium.ai/sandbox": "false"]]]),
        MutationCase(
            name: "no policy, already labelled: no patch", policy: nil, spec: [:],
            labels: ["sympozium.ai/role": "agent", "sympozium.ai/sandbox": "false"], patch: []),
    ]

    @Test("each mutation is exactly this JSON Patch", arguments: mutations)
    func mutated(_ example: MutationCase) async throws {
        let handler = AdmissionReviewHandler(reviewer: AgentRunReviewer(source: try Fixtures.context(policy: example.policy)))
        let answer = await handler.handle(Fixtures.review(Fixtures.run(example.spec, labels: example.labels)), path: .mutate)
        let response = try #require(answer.response)
        #expect(response.allowed)
        guard case .array(let expected) = example.patch, !expected.isEmpty else {
            #expect(response.patch == nil)
            return
        }
        #expect(response.patchType == "JSONPatch")
        let patch = try JSONParser.parse(try #require(response.decodedPatch))
        #expect(patch == example.patch)
    }

    @Test("the mutated restrictive run passes its own validation")
    func mutatedRunIsValid() async throws {
        let policy = try Fixtures.compatPolicy("restrictive")
        let run = try Fixtures.run().decode(as: AgentRun.self)
        let decision = PolicyEngine().admit(
            AgentRunAdmission(operation: .create, run: run, instance: try Fixtures.instance(policy: "restrictive"), policy: policy))
        #expect(decision.allowed, "\(decision.denial?.message ?? "")")
        #expect(decision.mutated.spec.sandbox?.enabled == true)
        #expect(decision.mutated.spec.toolPolicy?.requireApproval == ["execute_command"])
    }
}
