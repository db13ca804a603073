import Foundation
import KubeModel
import Testing

@Suite("Object metadata and conditions")
struct MetaTests {
    @Test func emptyCollectionsAndNilsAreOmitted() throws {
        let meta = ObjectMeta(name: "a", labels: [:], finalizers: [])
        let json = String(decoding: try JSONEncoder().encode(meta), as: UTF8.self)
        #expect(json == #"{"name":"a"}"#)
        let withLabels = ObjectMeta(name: "a", labels: ["x": "y"])
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        #expect(String(decoding: try encoder.encode(withLabels), as: UTF8.self) == #"{"labels":{"x":"y"},"name":"a"}"#)
    }

    @Test func missingAndNullCollectionsDecodeEmpty() throws {
        let meta = try JSONDecoder().decode(ObjectMeta.self, from: Data(#"{"name":"a","labels":null}"#.utf8))
        #expect(meta.labels.isEmpty)
        #expect(meta.finalizers.isEmpty)
        #expect(meta.name == "a")
    }

    @Test func conditionTransitionTimeMovesOnlyOnStatusChange() throws {
        let early = Time(Date(timeIntervalSince1970: 1_000))
        let late = Time(Date(timeIntervalSince1970: 2_000))
        var conditions: [Condition] = []
        let added = conditions.set(Condition(type: "Ready", status: .false, lastTransitionTime: early, reason: "Starting"))
        let reasonChanged = conditions.set(Condition(type: "Ready", status: .false, lastTransitionTime: late, reason: "Waiting"))
        #expect(added && reasonChanged)
        #expect(conditions[type: "Ready"]?.lastTransitionTime == early)
        let unchanged = conditions.set(Condition(type: "Ready", status: .false, lastTransitionTime: late, reason: "Waiting"))
        #expect(!unchanged)
        conditions.set(Condition(type: "Ready", status: .true, observedGeneration: 3, lastTransitionTime: late, reason: "Running"))
        #expect(conditions[type: "Ready"]?.lastTransitionTime == late)
        #expect(conditions.isTrue("Ready"))
        #expect(conditions.count == 1)
    }

    @Test func openEnumsKeepUnknownValues() throws {
        let decoded = try JSONDecoder().decode([ConditionStatus].self, from: Data(#"["True","Maybe"]"#.utf8))
        #expect(decoded == [.true, "Maybe"])
        #expect(!decoded[1].isKnown)
        #expect(String(decoding: try JSONEncoder().encode(decoded), as: UTF8.self) == #"["True","Maybe"]"#)
    }

    @Test func labelSelectorMatchesSetBasedTerms() {
        let selector = LabelSelector(
            matchLabels: ["app": "agent"],
            matchExpressions: [
                LabelSelectorRequirement(key: "tier", operator: "In", values: ["a", "b"]),
                LabelSelectorRequirement(key: "legacy", operator: "DoesNotExist"),
            ])
        #expect(selector.matches(["app": "agent", "tier": "a"]))
        #expect(!selector.matches(["app": "agent", "tier": "c"]))
        #expect(!selector.matches(["app": "agent", "tier": "a", "legacy": "1"]))
        #expect(LabelSelector().matches([:]))
    }

    @Test func statusErrorsCarryFieldCauses() throws {
        let errors: [FieldError] = [.required("spec.task"), .invalid("spec.timeout", "Invalid value: \"x\"")]
        let status = errors.invalidStatus(kind: "AgentRun", group: "sympozium.ai", name: "r1")
        #expect(status.code == 422)
        #expect(status.reason == .invalid)
        #expect(status.details?.causes.map(\.field) == ["spec.task", "spec.timeout"])
        #expect(status.message == #"AgentRun.sympozium.ai "r1" is invalid: spec.task: Required value, spec.timeout: Invalid value: "x""#)
    }

    @Test func jsonValueDecodesEveryKind() throws {
        let value = try JSONDecoder().decode(
            JSONValue.self, from: Data(#"{"a":[1,2.5,"x",true,null],"b":{"c":-3}}"#.utf8))
        #expect(value == ["a": [1, 2.5, "x", true, nil], "b": ["c": -3]])
        #expect(value["b"]?["c"]?.integerValue == -3)
    }
}
