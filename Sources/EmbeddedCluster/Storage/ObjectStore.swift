import Foundation
import Synchronization
import KubeModel
import Logging

/// All objects of the embedded control plane: an in-memory index over SQLite,
/// one monotonic resource version, and a bounded watch history.
///
/// The actor runs on a dedicated thread, so its synchronous SQLite commits never
/// block the cooperative pool, and every write (commit, index update, event
/// fan-out) happens in one serial step: watchers see changes in version order.
public actor ObjectStore {
    public struct Configuration: Sendable {
        /// Events retained for watches that resume from an older version.
        public var historyLimit: Int = 20_000
        /// Buffered events per watcher before a slow watcher is disconnected.
        public var watcherBuffer: Int = 10_000

        public init() {}
    }

    nonisolated let executor: DedicatedThreadExecutor
    public nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }

    let database: SQLiteObjectDatabase
    let configuration: Configuration
    let logger: Logger
    var objects: [ResourceKey: [ObjectKey: StoredObject]] = [:]
    var dependents: [String: Set<DependentRef>] = [:]
    var byUID: [String: DependentRef] = [:]
    public internal(set) var resourceVersion: Int64 = 1
    var history: [WatchEvent] = []
    var compactedResourceVersion: Int64 = 1
    var watchers: [UInt64: Watcher] = [:]
    var nextWatcherID: UInt64 = 0
    /// Set at server shutdown: no new watch starts (one that did would hold
    /// the HTTP server's graceful shutdown open until its timeout).
    var watchesStopped = false
    static let namespacesKey = ResourceKey(group: "", resource: "namespaces")
    /// Namespace name → phase, readable without a hop onto the store's thread.
    nonisolated let namespacePhases = Mutex<[String: String]>([:])
    /// Version of the last write to rbac.authorization.k8s.io, readable without a hop.
    nonisolated let rbacVersion = Atomic<Int64>(0)

    /// The phase of a namespace, or nil when it does not exist.
    public nonisolated func namespacePhase(_ name: String) -> String? {
        namespacePhases.withLock { $0[name] }
    }

    /// Where a dependent lives, for the garbage collector.
    public struct DependentRef: Hashable, Sendable {
        public var resource: ResourceKey
        public var key: ObjectKey
    }

    struct Watcher {
        /// nil: every resource (the control plane's own controllers).
        var resource: ResourceKey?
        var namespace: String?
        var matches: @Sendable (StoredObject) -> Bool
        var continuation: AsyncStream<WatchEvent>.Continuation
        /// For controllers: events they care about, decided before waking them.
        var wants: (@Sendable (WatchEvent) -> Bool)? = nil
    }

    /// Opens (or creates) the database at `path` and loads every object.
    public static func open(
        path: String, configuration: Configuration = Configuration(), logger: Logger = Logger(label: "sympozium.store"),
        fields: @escaping @Sendable (ResourceKey, JSONValue) -> [String: String] = { _, _ in [:] }
    ) async throws -> ObjectStore {
        let store = try ObjectStore(path: path, configuration: configuration, logger: logger)
        try await store.load(fields: fields)
        return store
    }

    private init(path: String, configuration: Configuration, logger: Logger) throws {
        executor = DedicatedThreadExecutor(name: "sympozium-store")
        database = try SQLiteObjectDatabase(path: path)
        self.configuration = configuration
        self.logger = logger
    }

    private func load(fields: @Sendable (ResourceKey, JSONValue) -> [String: String]) throws {
        let snapshot = try database.load()
        resourceVersion = snapshot.resourceVersion
        compactedResourceVersion = snapshot.compactedResourceVersion
        for row in snapshot.objects {
            guard let resource = ResourceKey(storageName: row.resource) else { continue }
            let stored = try Self.makeStored(
                resource: resource, key: ObjectKey(namespace: row.namespace, name: row.name), rv: row.rv,
                json: row.data, fields: fields)
            objects[resource, default: [:]][stored.key] = stored
            index(stored, resource: resource)
        }
        for row in snapshot.events {
            guard let resource = ResourceKey(storageName: row.resource),
                let type = WatchEventType(rawValue: row.type)
            else { continue }
            let key = ObjectKey(namespace: row.namespace, name: row.name)
            let object = try Self.makeStored(resource: resource, key: key, rv: row.rv, json: row.data, fields: fields)
            let previous = try row.previous.map {
                try Self.makeStored(resource: resource, key: key, rv: row.rv, json: $0, fields: fields)
            }
            history.append(WatchEvent(type: type, resource: resource, object: object, previous: previous))
        }
        if let first = history.first { compactedResourceVersion = max(compactedResourceVersion, first.resourceVersion - 1) }
        logger.info(
            "object store loaded",
            metadata: ["objects": "\(snapshot.objects.count)", "resourceVersion": "\(resourceVersion)"])
    }

    static func makeStored(
        resource: ResourceKey, key: ObjectKey, rv: Int64, json: Data,
        fields: (ResourceKey, JSONValue) -> [String: String]
    ) throws -> StoredObject {
        let object = try JSONParser.parse(json)
        return makeStored(resource: resource, key: key, rv: rv, json: json, object: object, fields: fields(resource, object))
    }

    static func makeStored(
        resource: ResourceKey, key: ObjectKey, rv: Int64, json: Data, object: JSONValue, fields: [String: String]
    ) -> StoredObject {
        let metadata = object["metadata"]
        var labels: [String: String] = [:]
        for (name, value) in metadata?["labels"]?.objectValue ?? [:] { labels[name] = value.stringValue ?? "" }
        let owners = (metadata?["ownerReferences"]?.arrayValue ?? []).compactMap { $0["uid"]?.stringValue }
        return StoredObject(
            key: key, resourceVersion: rv, json: json, uid: metadata?["uid"]?.stringValue ?? "", labels: labels,
            fields: fields, ownerUIDs: owners, isBeingDeleted: metadata?["deletionTimestamp"] != nil)
    }

    func index(_ object: StoredObject, resource: ResourceKey) {
        if resource == Self.namespacesKey {
            namespacePhases.withLock { $0[object.key.name] = object.fields["status.phase"] ?? "Active" }
        }
        if !object.uid.isEmpty { byUID[object.uid] = DependentRef(resource: resource, key: object.key) }
        for owner in object.ownerUIDs {
            dependents[owner, default: []].insert(DependentRef(resource: resource, key: object.key))
        }
    }

    func unindex(_ object: StoredObject, resource: ResourceKey) {
        if resource == Self.namespacesKey { _ = namespacePhases.withLock { $0.removeValue(forKey: object.key.name) } }
        if !object.uid.isEmpty { byUID[object.uid] = nil }
        for owner in object.ownerUIDs {
            dependents[owner]?.remove(DependentRef(resource: resource, key: object.key))
            if dependents[owner]?.isEmpty == true { dependents[owner] = nil }
        }
    }

    // MARK: Reads

    public func get(_ resource: ResourceKey, _ key: ObjectKey) -> StoredObject? {
        objects[resource]?[key]
    }

    /// Objects of a resource, sorted by namespace and name, optionally in one namespace.
    public func list(_ resource: ResourceKey, namespace: String? = nil) -> (resourceVersion: Int64, items: [StoredObject]) {
        let all = objects[resource] ?? [:]
        var items = namespace.map { ns in all.values.filter { $0.key.namespace == ns } } ?? Array(all.values)
        items.sort { $0.key < $1.key }
        return (resourceVersion, items)
    }

    /// Objects owned by the object with this uid.
    public func dependents(ofUID uid: String) -> [DependentRef] {
        Array(dependents[uid] ?? [])
    }

    /// The object with this uid, if it exists.
    public func object(uid: String) -> (resource: ResourceKey, object: StoredObject)? {
        guard let ref = byUID[uid], let object = objects[ref.resource]?[ref.key] else { return nil }
        return (ref.resource, object)
    }

    /// Every resource that currently holds objects.
    public var resourcesInUse: [ResourceKey] { objects.filter { !$0.value.isEmpty }.map(\.key) }

    public func count(_ resource: ResourceKey) -> Int { objects[resource]?.count ?? 0 }


    public func integrityCheck() throws -> String { try database.integrityCheck() }
}
