import KubeClient
import KubeModel
import SympoziumAPI

/// Writes a run's memory block into its instance's `<instance>-memory`
/// ConfigMap, cut to the instance's maxSizeKB.
struct MemoryWriter: Sendable {
    let client: KubeClient

    static let placeholder = "# Memory\n\nNothing remembered yet.\n"
    static func configMapName(_ instance: String) -> String { "\(instance)-memory" }

    func write(_ memory: String, instance instanceName: String, namespace: String) async throws {
        guard let instance = try await Api<SympoziumInstance>(client, namespace: namespace).getIfExists(instanceName),
            let spec = instance.spec.memory, spec.enabled
        else { return }
        let content = RunLogParser.truncate(memory: memory, toBytes: spec.maxSizeBytes)
        _ = try await Api<ConfigMap>(client, namespace: namespace).patch(
            Self.configMapName(instanceName), .merge(["data": ["MEMORY.md": .string(content)]]))
    }
}
