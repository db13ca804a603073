import KubeClient
import KubeModel

/// Writes the objects a reconciler owns with server-side apply, so each
/// reconcile states the whole desired object and the API server merges it:
/// idempotent, and fields other managers own are left alone.
struct ChildWriter: Sendable {
    let client: KubeClient
    static let fieldManager = "sympozium-controller"

    /// Applies a typed object (namespace from its metadata).
    @discardableResult
    func apply<R: KubernetesResource>(_ object: R) async throws -> R {
        var object = object
        object.fillTypeMeta()
        guard let name = object.metadata.name else {
            throw KubeClientError(.invalidManifest, "a generated \(R.kind) has no name")
        }
        let api = Api<R>(client, namespace: object.metadata.namespace)
        return try await api.patch(
            name, try .apply(object, force: true), parameters: WriteParameters(fieldManager: Self.fieldManager))
    }

    /// Creates an object made once (a run's Job, its ServiceAccount): a plain
    /// create is much cheaper for the API server than an apply. When it
    /// already exists (a retried reconcile), applies it instead, so the
    /// result is the same as `apply`.
    @discardableResult
    func create<R: KubernetesResource>(_ object: R) async throws -> R {
        do {
            return try await Api<R>(client, namespace: object.metadata.namespace).create(
                object, parameters: WriteParameters(fieldManager: Self.fieldManager))
        } catch let error as KubeAPIError where error.isAlreadyExists {
            return try await apply(object)
        }
    }

    /// Deletes an object if it exists.
    func delete<R: KubernetesResource>(_ type: R.Type, namespace: String?, name: String) async throws {
        do {
            try await Api<R>(client, namespace: namespace).delete(name, parameters: DeleteParameters(propagationPolicy: .background))
        } catch let error as KubeAPIError where error.isNotFound {
        }
    }
}

extension KubernetesResource {
    /// An owner reference to this object, controller: true. Objects read from
    /// the API always have name and uid; a fallback keeps this total.
    var ownerReference: OwnerReference {
        controllerReference() ?? OwnerReference(
            apiVersion: Self.apiVersion, kind: Self.kind, name: metadata.name ?? "", uid: metadata.uid ?? "", controller: true,
            blockOwnerDeletion: true)
    }
}
