import Foundation
import KubeModel

extension ObjectStore {
    /// Stores a new object. `object` must carry its final metadata except the
    /// resource version, which the store assigns.
    public func create(
        _ resource: ResourceKey, _ key: ObjectKey, object: JSONValue, fields: [String: String]
    ) throws -> StoredObject {
        if objects[resource]?[key] != nil { throw APIError.alreadyExists(resource, key.name) }
        return try write(resource, key, object: object, fields: fields, type: .added, previous: nil)
    }

    /// Replaces an object if its stored version is still `expectedVersion` (when given).
    public func update(
        _ resource: ResourceKey, _ key: ObjectKey, object: JSONValue, fields: [String: String], expectedVersion: Int64?
    ) throws -> StoredObject {
        guard let current = objects[resource]?[key] else { throw APIError.notFound(resource, key.name) }
        if let expectedVersion, expectedVersion != current.resourceVersion {
            throw APIError.conflict(resource, key.name)
        }
        return try write(resource, key, object: object, fields: fields, type: .modified, previous: current)
    }

    /// Removes an object; the DELETED event carries its last state at a new version.
    public func delete(_ resource: ResourceKey, _ key: ObjectKey, expectedVersion: Int64? = nil) throws -> StoredObject {
        guard let current = objects[resource]?[key] else { throw APIError.notFound(resource, key.name) }
        if let expectedVersion, expectedVersion != current.resourceVersion {
            throw APIError.conflict(resource, key.name)
        }
        let rv = resourceVersion + 1
        var object = try current.object()
        object["metadata"]?["resourceVersion"] = .string(String(rv))
        let json = try Self.encode(object)
        var removed = current
        removed.resourceVersion = rv
        removed.json = json
        try database.commit(
            .remove(resource: resource.storageName, namespace: key.namespace, name: key.name), rv: rv,
            eventType: WatchEventType.deleted.rawValue, eventData: json, previous: nil)
        resourceVersion = rv
        objects[resource]?[key] = nil
        unindex(current, resource: resource)
        publish(WatchEvent(type: .deleted, resource: resource, object: removed, previous: nil))
        return removed
    }

    private func write(
        _ resource: ResourceKey, _ key: ObjectKey, object: JSONValue, fields: [String: String], type: WatchEventType,
        previous: StoredObject?
    ) throws -> StoredObject {
        let rv = resourceVersion + 1
        var object = object
        object["metadata"]?["resourceVersion"] = .string(String(rv))
        let json = try Self.encode(object)
        let stored = Self.makeStored(resource: resource, key: key, rv: rv, json: json, object: object, fields: fields)
        try database.commit(
            .put(resource: resource.storageName, namespace: key.namespace, name: key.name, rv: rv, data: json), rv: rv,
            eventType: type.rawValue, eventData: json, previous: previous?.json)
        resourceVersion = rv
        if let previous { unindex(previous, resource: resource) }
        objects[resource, default: [:]][key] = stored
        index(stored, resource: resource)
        publish(WatchEvent(type: type, resource: resource, object: stored, previous: previous))
        return stored
    }

    static func encode(_ object: JSONValue) throws -> Data {
        object.serializedJSON()
    }
}
