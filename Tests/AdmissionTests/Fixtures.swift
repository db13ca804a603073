import Admission
import Foundation
import KubeModel
import KubeYAML
import SympoziumAPI

/// An in-memory PolicyContextSource.
struct FixedContext: PolicyContextSource {
    var instances: [String: SympoziumInstance] = [:]
    var policies: [String: SympoziumPolicy] = [:]
    var inFlight = 0

    func instance(namespace: String, name: String) async throws -> SympoziumInstance? { instances[name] }
    func policy(namespace: String, name: String) async throws -> SympoziumPolicy? { policies[name] }
    func runsInFlight(namespace: String, instance: String, excluding: String?) async throws -> Int { inFlight }
}

enum Fixtures {
    static let compat = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appending(path: "shared/compat")

    /// A policy of the original implementation, read unchanged from ../shared/compat/policies.
    static func compatPolicy(_ name: String) throws -> SympoziumPolicy {
        let text = try String(contentsOf: compat.appending(path: "policies/\(name).yaml"), encoding: .utf8)
        var policy = try YAMLReader.parse(text).decode(as: SympoziumPolicy.self)
        policy.metadata.namespace = "default"
        return policy
    }

    static func instance(policy: String?) throws -> SympoziumInstance {
        var spec: [String: JSONValue] = ["agents": ["default": ["model": "gpt-4o"]]]
        if let policy { spec["policyRef"] = .string(policy) }
        let object: JSONValue = ["metadata": ["name": "alice", "namespace": "default"], "spec": .object(spec)]
        return try object.decode(as: SympoziumInstance.self)
    }

    static func context(policy: String?) throws -> FixedContext {
        var context = FixedContext(instances: ["alice": try instance(policy: policy)])
        if let policy { context.policies[policy] = try compatPolicy(policy) }
        return context
    }

    /// An AgentRun as JSON, with `spec` members merged over a minimal valid run.
    static func run(_ spec: [String: JSONValue] = [:], labels: [String: String]? = nil) -> JSONValue {
        var base: [String: JSONValue] = [
            "instanceRef": "alice", "agentId": "default", "task": "look around", "sessionKey": "s1",
            "model": ["provider": "openai", "model": "gpt-4o", "authSecretRef": "alice-openai"],
        ]
        for (key, value) in spec { base[key] = value }
        var metadata: [String: JSONValue] = ["name": "r1", "namespace": "default"]
        if let labels { metadata["labels"] = .object(labels.mapValues(JSONValue.string)) }
        return ["apiVersion": "sympozium.ai/v1alpha1", "kind": "AgentRun", "metadata": .object(metadata), "spec": .object(base)]
    }

    static func review(_ object: JSONValue, operation: AdmissionOperation = .create, old: JSONValue? = nil) -> AdmissionReview {
        AdmissionReview(
            request: AdmissionRequest(
                uid: "uid-1", kind: AgentRun.groupVersionKind, resource: AgentRun.groupVersionResource, name: "r1",
                namespace: "default", operation: operation, object: object, oldObject: old))
    }
}
