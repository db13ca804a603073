import KubeModel

/// Empties a terminating namespace, then lets its deletion complete.
struct NamespaceCleanup: Sendable {
    let service: ObjectService
    static let finalizer = "kubernetes"

    func reconcile(namespace: String) async throws {
        let store = service.store
        let key = ObjectKey(namespace: "", name: namespace)
        guard let stored = await store.get(NamespaceLifecycle.namespaces, key), var object = try? stored.object(),
            object["metadata"]?["deletionTimestamp"] != nil
        else { return }
        var remaining = 0
        for type in service.registry.all where type.namespaced && !type.isVirtual {
            for item in await store.list(type.key, namespace: namespace).items {
                remaining += 1
                if (try? item.object())?["metadata"]?["deletionTimestamp"] == nil {
                    _ = try? await service.delete(type, key: item.key)
                }
            }
        }
        for resource in await store.resourcesInUse where service.registry.type(resource) == nil {
            for item in await store.list(resource, namespace: namespace).items {
                _ = try? await store.delete(resource, item.key)
            }
        }
        guard remaining == 0 else { return }
        let finalizers = ObjectService.strings(object["spec"]?["finalizers"]).filter { $0 != Self.finalizer }
        object["spec"]?["finalizers"] = finalizers.isEmpty ? nil : .array(finalizers.map(JSONValue.string))
        if ObjectService.deletionComplete(object, type: ResourceType(Namespace.self)) {
            _ = try await store.delete(NamespaceLifecycle.namespaces, key, expectedVersion: stored.resourceVersion)
        } else {
            _ = try await store.update(
                NamespaceLifecycle.namespaces, key, object: object, fields: stored.fields,
                expectedVersion: stored.resourceVersion)
        }
    }
}
