import Foundation
import KubeModel

/// "group/resource": the storage identity of a kind, independent of version.
public struct ResourceKey: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var group: String
    public var resource: String

    public init(group: String, resource: String) {
        self.group = group
        self.resource = resource
    }

    public var description: String { group.isEmpty ? resource : "\(resource).\(group)" }
    var storageName: String { "\(group)/\(resource)" }

    init?(storageName: String) {
        guard let slash = storageName.firstIndex(of: "/") else { return nil }
        group = String(storageName[..<slash])
        resource = String(storageName[storageName.index(after: slash)...])
    }

    public static func < (lhs: ResourceKey, rhs: ResourceKey) -> Bool { lhs.storageName < rhs.storageName }
}

/// Namespace ("" at cluster scope) and name.
public struct ObjectKey: Hashable, Sendable, Comparable {
    public var namespace: String
    public var name: String

    public init(namespace: String, name: String) {
        self.namespace = namespace
        self.name = name
    }

    public static func < (lhs: ObjectKey, rhs: ObjectKey) -> Bool {
        (lhs.namespace, lhs.name) < (rhs.namespace, rhs.name)
    }
}

/// An object as persisted: canonical JSON bytes plus what selectors and the
/// garbage collector need without decoding them.
public struct StoredObject: Sendable {
    public var key: ObjectKey
    public var resourceVersion: Int64
    public var json: Data
    public var uid: String
    public var labels: [String: String]
    /// Selectable fields beyond metadata.name and metadata.namespace.
    public var fields: [String: String]
    public var ownerUIDs: [String]
    /// metadata.deletionTimestamp is set: controllers check this without decoding.
    public var isBeingDeleted = false

    /// Decodes the stored bytes.
    public func object() throws -> JSONValue {
        try JSONParser.parse(json)
    }

    public func fieldValue(_ field: String) -> String? {
        switch field {
        case "metadata.name": key.name
        case "metadata.namespace": key.namespace
        default: fields[field]
        }
    }
}

public enum WatchEventType: String, Sendable, Codable {
    case added = "ADDED"
    case modified = "MODIFIED"
    case deleted = "DELETED"
    case bookmark = "BOOKMARK"
    case error = "ERROR"
}

/// One change, as retained in the watch history and sent to watchers.
public struct WatchEvent: Sendable {
    public var type: WatchEventType
    public var resource: ResourceKey
    public var object: StoredObject
    /// The object's state before this change (nil for ADDED).
    public var previous: StoredObject?

    public var resourceVersion: Int64 { object.resourceVersion }
}
