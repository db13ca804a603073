import KubeClient
import KubeModel
import SympoziumAPI

/// Resolves a run's skills (its own, or its instance's when it names none)
/// into ConfigMaps in the run's namespace. A SkillPack from sympozium-system
/// is mirrored into the run's namespace as a ConfigMap the run owns.
struct SkillResolver: Sendable {
    let client: KubeClient
    let writer: ChildWriter

    struct MissingSkill: Error {
        var message: String
    }

    func resolve(_ run: AgentRun, instance: SympoziumInstance) async throws -> [ResolvedSkill] {
        let namespace = run.metadata.namespace ?? "default"
        let references = run.spec.skills.isEmpty ? instance.spec.skills : run.spec.skills
        var resolved: [ResolvedSkill] = []
        for reference in references {
            if let packName = reference.skillPackRef {
                resolved.append(try await resolvePack(packName, run: run, namespace: namespace))
            } else if let configMap = reference.configMapRef {
                guard try await Api<ConfigMap>(client, namespace: namespace).getIfExists(configMap) != nil else {
                    throw MissingSkill(message: "skill ConfigMap \"\(configMap)\" does not exist in \(namespace)")
                }
                resolved.append(ResolvedSkill(name: configMap, configMapName: configMap, files: [], sidecar: nil))
            }
        }
        return resolved
    }

    private func resolvePack(_ name: String, run: AgentRun, namespace: String) async throws -> ResolvedSkill {
        let local = try await Api<SkillPack>(client, namespace: namespace).getIfExists(name)
        let shared = local == nil ? try await Api<SkillPack>(client, namespace: SympoziumGroup.systemNamespace).getIfExists(name) : nil
        guard let pack = local ?? shared else {
            throw MissingSkill(message: "SkillPack \"\(name)\" exists neither in \(namespace) nor in \(SympoziumGroup.systemNamespace)")
        }
        let files = pack.spec.skills.map(\.fileName)
        if local != nil, let configMapName = pack.status?.configMapName,
            try await Api<ConfigMap>(client, namespace: namespace).getIfExists(configMapName) != nil
        {
            return ResolvedSkill(name: name, configMapName: configMapName, files: files, sidecar: pack.spec.sidecar)
        }
        // Shared (or not yet reconciled) pack: a copy the run owns.
        let mirrorName = AgentRunNames(run: run.metadata.name ?? "").mirroredSkills(name)
        var mirror = SkillPackConfigMap.make(pack, name: mirrorName, namespace: namespace)
        mirror.metadata.ownerReferences = [run.ownerReference]
        mirror.metadata.labels[SympoziumLabel.agentRun] = run.metadata.name
        try await writer.apply(mirror)
        return ResolvedSkill(name: name, configMapName: mirrorName, files: files, sidecar: pack.spec.sidecar)
    }
}

/// The ConfigMap form of a SkillPack: one `<skill>.md` key per skill.
enum SkillPackConfigMap {
    static func name(for pack: String) -> String { "skillpack-\(pack)" }

    static func make(_ pack: SkillPack, name: String, namespace: String) -> ConfigMap {
        var data: [String: String] = [:]
        for skill in pack.spec.skills { data[skill.fileName] = skill.content }
        return ConfigMap(
            metadata: ObjectMeta(name: name, namespace: namespace, labels: [
                SympoziumLabel.skillPack: pack.metadata.name ?? "", SympoziumLabel.managedBy: ControllerLabel.managedByValue,
            ]),
            data: data)
    }
}
