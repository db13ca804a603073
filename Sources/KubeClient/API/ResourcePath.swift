import KubeModel

/// The REST location of a resource: group, version, plural, scope.
public struct ResourcePath: Sendable, Hashable {
    public var group: String
    public var version: String
    public var plural: String
    public var namespaced: Bool

    public init(group: String, version: String, plural: String, namespaced: Bool) {
        self.group = group
        self.version = version
        self.plural = plural
        self.namespaced = namespaced
    }

    public init<R: KubernetesResource>(_ type: R.Type) {
        self.init(group: R.group, version: R.version, plural: R.plural, namespaced: R.scope == .namespaced)
    }

    /// "/api/v1" or "/apis/group/version".
    public var prefix: String { group.isEmpty ? "/api/\(version)" : "/apis/\(group)/\(version)" }

    /// The collection path; `namespace` nil lists across all namespaces.
    public func collection(namespace: String?) -> String {
        if namespaced, let namespace {
            return "\(prefix)/namespaces/\(KubeRequest.segment(namespace))/\(plural)"
        }
        return "\(prefix)/\(plural)"
    }

    public func object(namespace: String?, name: String, subresource: String? = nil) -> String {
        let base = "\(collection(namespace: namespace))/\(KubeRequest.segment(name))"
        return subresource.map { "\(base)/\($0)" } ?? base
    }
}
