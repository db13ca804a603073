import KubeClient
import KubeModel
import KubeRuntime
import SympoziumAPI

/// Publishes a SkillPack as a ConfigMap with one `<skill>.md` key per skill.
struct SkillPackReconciler: Reconciler {
    let client: KubeClient

    func reconcile(_ pack: SkillPack, context: ReconcileContext) async throws -> ReconcileAction {
        guard let name = pack.metadata.name, let namespace = pack.metadata.namespace else { return .awaitChange }
        let configMapName = SkillPackConfigMap.name(for: name)
        var configMap = SkillPackConfigMap.make(pack, name: configMapName, namespace: namespace)
        configMap.metadata.ownerReferences = [pack.ownerReference]
        try await ChildWriter(client: client).apply(configMap)

        var status = pack.status ?? SkillPackStatus()
        status.phase = "Ready"
        status.configMapName = configMapName
        status.skillCount = pack.spec.skills.count
        status.conditions.upsert(
            ReadyCondition.ready("Published", "\(pack.spec.skills.count) skills in ConfigMap \(configMapName)", generation: pack.metadata.generation))
        try await Api<SkillPack>(client).updateStatus(of: pack, to: status)
        return .awaitChange
    }
}
