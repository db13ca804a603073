import KubeClient
import KubeModel

/// What a reconcile behind a finalizer is asked to do.
public enum FinalizerEvent<R: KubernetesResource>: Sendable {
    /// The object lives: make the world match it.
    case apply(R)
    /// The object is being deleted: release what Kubernetes cannot collect.
    /// The finalizer is removed once this returns without error.
    case cleanup(R)
}

/// Runs a reconcile behind a finalizer, as kube-runtime's helper does:
/// adds the finalizer (conditional on the resourceVersion, so a concurrent
/// change makes the patch fail rather than be lost) before the first `apply`;
/// on deletion runs `cleanup`, then removes the finalizer the same way.
public func reconcileWithFinalizer<R: KubernetesResource>(
    _ finalizer: String, api: Api<R>, object: R,
    _ body: (FinalizerEvent<R>) async throws -> ReconcileAction
) async throws -> ReconcileAction {
    guard object.metadata.name != nil else { return .awaitChange }
    switch (object.metadata.deletionTimestamp != nil, object.metadata.finalizers.contains(finalizer)) {
    case (false, _):
        return try await body(.apply(try await addFinalizer(finalizer, api: api, to: object)))
    case (true, true):
        let action = try await body(.cleanup(object))
        do {
            _ = try await removeFinalizer(finalizer, api: api, from: object)
        } catch let error as KubeAPIError where error.isNotFound {
            // Already gone: another finalizer holder finished last.
        }
        return action
    case (true, false):
        // Being deleted and our cleanup is done (or was never needed).
        return .awaitChange
    }
}

/// Adds `finalizer` to a live object (guarded by its resourceVersion) and
/// returns the patched object; an object that has it is returned as is. For
/// reconcilers that hold something Kubernetes cannot collect only some of
/// the time, and take the finalizer just before they create it.
public func addFinalizer<R: KubernetesResource>(_ finalizer: String, api: Api<R>, to object: R) async throws -> R {
    guard !object.metadata.finalizers.contains(finalizer), let name = object.metadata.name else { return object }
    let api = object.metadata.namespace.map { api.namespaced($0) } ?? api
    return try await api.patch(name, finalizerPatch(object, finalizers: object.metadata.finalizers + [finalizer]))
}

/// Removes `finalizer` once what it guarded is released (guarded by the
/// object's resourceVersion); an object without it is returned as is.
public func removeFinalizer<R: KubernetesResource>(_ finalizer: String, api: Api<R>, from object: R) async throws -> R {
    guard object.metadata.finalizers.contains(finalizer), let name = object.metadata.name else { return object }
    let api = object.metadata.namespace.map { api.namespaced($0) } ?? api
    return try await api.patch(name, finalizerPatch(object, finalizers: object.metadata.finalizers.filter { $0 != finalizer }))
}

/// A merge patch of metadata.finalizers guarded by the object's resourceVersion.
private func finalizerPatch<R: KubernetesResource>(_ object: R, finalizers: [String]) -> Patch {
    var metadata: [String: JSONValue] = ["finalizers": .array(finalizers.map(JSONValue.string))]
    if let version = object.metadata.resourceVersion { metadata["resourceVersion"] = .string(version) }
    return .merge(["metadata": .object(metadata)])
}
