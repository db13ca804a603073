import KubeModel

/// Names one object of a kind: namespace (nil at cluster scope) and name.
public struct ObjectRef: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var namespace: String?
    public var name: String

    public init(namespace: String?, name: String) {
        self.namespace = namespace
        self.name = name
    }

    public init?<R: KubernetesResource>(_ object: R) {
        guard let name = object.metadata.name else { return nil }
        self.init(namespace: R.scope == .namespaced ? object.metadata.namespace : nil, name: name)
    }

    public var description: String { namespace.map { "\($0)/\(name)" } ?? name }

    public static func < (lhs: ObjectRef, rhs: ObjectRef) -> Bool {
        (lhs.namespace ?? "", lhs.name) < (rhs.namespace ?? "", rhs.name)
    }
}
