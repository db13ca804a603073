import Foundation
import KubeModel
import SympoziumAPI

/// What onboarding creates: the provider and channel Secrets, the default
/// policy, and the instance that uses them.
struct OnboardPlan: Sendable {
    var namespace: String
    var instance: String
    var provider: ProviderChoice
    var model: String
    var baseURL: String?
    var apiKey: String?
    var channel: ChannelChoice?
    var channelToken: String?
    /// Slack's app-level token.
    var channelAppToken: String?
    /// nil: no policy.
    var policy: String?
    var memory = true

    var providerSecretName: String { "\(instance)-\(provider.rawValue)-key" }
    var channelSecretName: String? { channel.map { "\(instance)-\($0.rawValue)" } }

    func objects() throws -> [JSONValue] {
        var objects: [JSONValue] = []
        if let variable = provider.keyVariable, let apiKey {
            objects.append(secret(providerSecretName, [variable: apiKey]))
        }
        if let channel, let name = channelSecretName, let channelToken {
            var data = [channel.tokenVariable: channelToken]
            if let variable = channel.appTokenVariable, let channelAppToken { data[variable] = channelAppToken }
            objects.append(secret(name, data))
        }
        if let policy { objects.append(try JSONValue(encoding: DefaultPolicy.make(name: policy, namespace: namespace))) }
        var spec: [String: JSONValue] = [
            "agents": ["default": .object(["model": .string(model)].merging(baseURL.map { ["baseURL": .string($0)] } ?? [:]) { $1 })],
            "skills": [["skillPackRef": "k8s-ops"]],
        ]
        if provider.keyVariable != nil {
            spec["authRefs"] = [["provider": .string(provider.rawValue), "secret": .string(providerSecretName)]]
        }
        if let channel, let name = channelSecretName {
            spec["channels"] = [["type": .string(channel.rawValue), "configRef": ["secret": .string(name)]]]
        }
        if let policy { spec["policyRef"] = .string(policy) }
        if memory { spec["memory"] = ["enabled": true] }
        objects.append([
            "apiVersion": .string(SympoziumGroup.apiVersion), "kind": "SympoziumInstance",
            "metadata": ["name": .string(instance), "namespace": .string(namespace)], "spec": .object(spec),
        ])
        return objects
    }

    private func secret(_ name: String, _ values: [String: String]) -> JSONValue {
        [
            "apiVersion": "v1", "kind": "Secret", "type": "Opaque",
            "metadata": ["name": .string(name), "namespace": .string(namespace), "labels": ["sympozium.ai/instance": .string(instance)]],
            "stringData": .object(values.mapValues(JSONValue.string)),
        ]
    }
}

/// The policy onboarding applies by default: sandboxing optional, shell
/// commands need approval, sub-agents and file access allowed within limits.
enum DefaultPolicy {
    static func make(name: String, namespace: String) -> SympoziumPolicy {
        SympoziumPolicy(
            metadata: ObjectMeta(name: name, namespace: namespace),
            spec: SympoziumPolicySpec(
                sandboxPolicy: SandboxPolicy(required: false),
                subagentPolicy: SubagentPolicy(maxDepth: 3, maxConcurrent: 5),
                toolGating: ToolGating(defaultAction: .allow, rules: [ToolGatingRule(tool: "execute_command", action: .ask)]),
                featureGates: ["code-execution": true, "sub-agents": true, "browser-automation": false, "file-access": true],
                networkPolicy: NetworkIsolationSpec(denyAll: true, allowDNS: true, allowEventBus: true)))
    }
}
