import KubeModel

/// Namespaces must exist, and not be terminating, for content to be created in them.
enum NamespaceLifecycle {
    static let namespaces = ResourceKey(group: "", resource: "namespaces")

    static func requireActive(_ namespace: String, store: ObjectStore) async throws {
        guard let phase = store.namespacePhase(namespace) else {
            throw APIError(
                code: 404, reason: .notFound, message: "namespaces \"\(namespace)\" not found",
                details: StatusDetails(name: namespace, kind: "namespaces"))
        }
        if phase == "Terminating" {
            throw APIError(
                code: 403, reason: .forbidden,
                message: "unable to create new content in namespace \(namespace) because it is being terminated")
        }
    }
}
