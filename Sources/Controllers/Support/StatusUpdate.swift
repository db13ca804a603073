import KubeClient
import KubeModel

extension Api where R: HasStatus {
    /// Writes the status when it differs from the object's current one: a
    /// merge patch of `status` guarded by the object's resourceVersion, so a
    /// reconcile that acted on a stale cached copy gets a conflict (and is
    /// retried on fresh state) instead of writing a transition twice.
    @discardableResult
    func updateStatus(of object: R, to status: R.Status) async throws -> R {
        guard object.status != status, let name = object.metadata.name else { return object }
        let api = object.metadata.namespace.map { namespaced($0) } ?? self
        var patch: JSONValue = ["status": try JSONValue(encoding: status)]
        if let version = object.metadata.resourceVersion {
            patch["metadata"] = ["resourceVersion": .string(version)]
        }
        return try await api.patchStatus(name, .merge(patch))
    }
}
