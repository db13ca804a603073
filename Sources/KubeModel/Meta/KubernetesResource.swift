/// Whether a kind lives in a namespace or at cluster scope.
public enum ResourceScope: String, Codable, Sendable, Hashable {
    case namespaced = "Namespaced"
    case cluster = "Cluster"
}

/// A Kubernetes kind with its REST identity carried as static members.
///
/// Conforming types store `apiVersion` and `kind` as optionals because list
/// items on the wire may omit them; `init` fills them with the static values.
public protocol KubernetesResource: Codable, Sendable, Hashable {
    /// API group; empty for the core group.
    static var group: String { get }
    static var version: String { get }
    static var kind: String { get }
    /// Lower-case plural used in REST paths ("pods", "agentruns").
    static var plural: String { get }
    static var scope: ResourceScope { get }

    var apiVersion: String? { get set }
    var kind: String? { get set }
    var metadata: ObjectMeta { get set }
}

extension KubernetesResource {
    /// "v1" for the core group, "group/version" otherwise.
    public static var apiVersion: String { group.isEmpty ? version : "\(group)/\(version)" }
    public static var singular: String { kind.lowercased() }
    public static var listKind: String { kind + "List" }
    public static var groupVersionKind: GroupVersionKind { GroupVersionKind(group: group, version: version, kind: kind) }
    public static var groupVersionResource: GroupVersionResource {
        GroupVersionResource(group: group, version: version, resource: plural)
    }

    /// Sets apiVersion and kind from the static identity (list items often lack them).
    public mutating func fillTypeMeta() {
        apiVersion = Self.apiVersion
        kind = Self.kind
    }

    /// A reference to this object for use as a controller owner.
    public func controllerReference(blockOwnerDeletion: Bool = true) -> OwnerReference? {
        guard let name = metadata.name, let uid = metadata.uid else { return nil }
        return OwnerReference(
            apiVersion: Self.apiVersion, kind: Self.kind, name: name, uid: uid,
            controller: true, blockOwnerDeletion: blockOwnerDeletion)
    }
}

/// A kind with a `status` subresource.
public protocol HasStatus: KubernetesResource {
    associatedtype Status: Codable & Sendable & Hashable
    var status: Status? { get set }
}

/// A kind with a `spec`.
public protocol HasSpec: KubernetesResource {
    associatedtype Spec: Codable & Sendable & Hashable
    var spec: Spec { get set }
}

public struct GroupVersionKind: Hashable, Sendable, Codable, CustomStringConvertible {
    public var group: String
    public var version: String
    public var kind: String

    public init(group: String, version: String, kind: String) {
        self.group = group
        self.version = version
        self.kind = kind
    }

    /// Splits "group/version" (or "v1") and pairs it with a kind.
    public init(apiVersion: String, kind: String) {
        if let slash = apiVersion.firstIndex(of: "/") {
            group = String(apiVersion[..<slash])
            version = String(apiVersion[apiVersion.index(after: slash)...])
        } else {
            group = ""
            version = apiVersion
        }
        self.kind = kind
    }

    public var apiVersion: String { group.isEmpty ? version : "\(group)/\(version)" }
    public var description: String { "\(apiVersion), Kind=\(kind)" }
}

public struct GroupVersionResource: Hashable, Sendable, Codable, CustomStringConvertible {
    public var group: String
    public var version: String
    public var resource: String

    public init(group: String, version: String, resource: String) {
        self.group = group
        self.version = version
        self.resource = resource
    }

    public var apiVersion: String { group.isEmpty ? version : "\(group)/\(version)" }
    public var description: String { group.isEmpty ? "\(resource)" : "\(resource).\(group)" }
}
