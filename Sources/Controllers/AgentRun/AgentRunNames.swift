/// Names of the objects an AgentRun owns, derived from the run's name.
struct AgentRunNames: Sendable {
    let run: String

    var job: String { run }
    var serviceAccount: String { "\(run)-agent" }
    var inputConfigMap: String { "\(run)-input" }
    func mirroredSkills(_ pack: String) -> String { "\(run)-skill-\(pack)" }
    func role(_ pack: String) -> String { "\(run)-skill-\(pack)" }
    /// Cluster-scoped names include the namespace: runs in two namespaces may share a name.
    func clusterRole(namespace: String, pack: String) -> String { "sympozium-\(namespace)-\(run)-\(pack)" }
}

/// Labels Sympozium adds beyond `SympoziumLabel`.
enum ControllerLabel {
    /// On agent pods: the policy whose NetworkPolicy selects them.
    static let policy = "sympozium.ai/policy"
    /// On cluster-scoped skill RBAC: the namespace of the run it belongs to.
    static let agentRunNamespace = "sympozium.ai/agent-run-namespace"
    static let managedByValue = "sympozium"
}
