import KubeModel
import SympoziumAPI

/// The least-privilege RBAC a run's skill sidecars get: a Role and RoleBinding
/// owned by the run (collected by Kubernetes), and a ClusterRole and
/// ClusterRoleBinding labelled with the run (deleted by the controller when
/// the run finishes or goes). Pure: no I/O.
struct SkillRBACBuilder: Sendable {
    var run: AgentRun
    var names: AgentRunNames { AgentRunNames(run: run.metadata.name ?? "") }
    var namespace: String { run.metadata.namespace ?? "default" }

    var subject: Subject { Subject(kind: "ServiceAccount", name: names.serviceAccount, namespace: namespace) }

    var clusterLabels: [String: String] {
        [
            SympoziumLabel.agentRun: names.run, ControllerLabel.agentRunNamespace: namespace,
            SympoziumLabel.managedBy: ControllerLabel.managedByValue,
        ]
    }

    static func rules(_ rules: [RBACRule]) -> [PolicyRule] {
        rules.map { PolicyRule(verbs: $0.verbs, apiGroups: $0.apiGroups, resources: $0.resources) }
    }

    func role(pack: String, sidecar: SkillSidecar) -> (Role, RoleBinding)? {
        guard !sidecar.rbac.isEmpty else { return nil }
        let name = names.role(pack)
        var metadata = ObjectMeta(name: name, namespace: namespace, labels: [
            SympoziumLabel.agentRun: names.run, SympoziumLabel.skillPack: pack,
            SympoziumLabel.managedBy: ControllerLabel.managedByValue,
        ])
        metadata.ownerReferences = [run.ownerReference]
        let role = Role(metadata: metadata, rules: Self.rules(sidecar.rbac))
        let binding = RoleBinding(metadata: metadata, subjects: [subject], roleRef: RoleRef(kind: "Role", name: name))
        return (role, binding)
    }

    func clusterRole(pack: String, sidecar: SkillSidecar) -> (ClusterRole, ClusterRoleBinding)? {
        guard !sidecar.clusterRBAC.isEmpty else { return nil }
        let name = names.clusterRole(namespace: namespace, pack: pack)
        var labels = clusterLabels
        labels[SympoziumLabel.skillPack] = pack
        let metadata = ObjectMeta(name: name, labels: labels)
        let role = ClusterRole(metadata: metadata, rules: Self.rules(sidecar.clusterRBAC))
        let binding = ClusterRoleBinding(metadata: metadata, subjects: [subject], roleRef: RoleRef(kind: "ClusterRole", name: name))
        return (role, binding)
    }

    /// Selects this run's cluster-scoped RBAC.
    var clusterSelector: String {
        "\(SympoziumLabel.agentRun)=\(names.run),\(ControllerLabel.agentRunNamespace)=\(namespace)"
    }
}
