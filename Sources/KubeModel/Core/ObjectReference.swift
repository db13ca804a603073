/// core/v1 ObjectReference.
public struct ObjectReference: Codable, Hashable, Sendable {
    public var kind: String?
    public var namespace: String?
    public var name: String?
    public var uid: String?
    public var apiVersion: String?
    public var resourceVersion: String?
    public var fieldPath: String?

    public init(
        kind: String? = nil, namespace: String? = nil, name: String? = nil, uid: String? = nil,
        apiVersion: String? = nil, resourceVersion: String? = nil, fieldPath: String? = nil
    ) {
        self.kind = kind
        self.namespace = namespace
        self.name = name
        self.uid = uid
        self.apiVersion = apiVersion
        self.resourceVersion = resourceVersion
        self.fieldPath = fieldPath
    }
}

/// core/v1 LocalObjectReference: a name in the referrer's namespace.
public struct LocalObjectReference: Codable, Hashable, Sendable {
    public var name: String?

    public init(name: String? = nil) {
        self.name = name
    }
}

extension KubernetesResource {
    /// A reference to this object (as used by events' involvedObject).
    public var objectReference: ObjectReference {
        ObjectReference(
            kind: Self.kind, namespace: metadata.namespace, name: metadata.name, uid: metadata.uid,
            apiVersion: Self.apiVersion, resourceVersion: metadata.resourceVersion)
    }
}
