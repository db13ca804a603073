import SympoziumAPI

/// A skill source a run mounts: a SkillPack's ConfigMap (possibly mirrored
/// into the run's namespace) or a ConfigMap named by the run directly.
struct ResolvedSkill: Sendable, Hashable {
    /// Directory name under /skills.
    var name: String
    /// The ConfigMap in the run's namespace holding `<skill>.md` keys.
    var configMapName: String
    /// The keys to project (empty: every key).
    var files: [String]
    /// The pack's sidecar, when it has one.
    var sidecar: SkillSidecar?
}
