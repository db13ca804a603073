import KubeModel

/// The outcome of a server-side apply.
public struct ApplyResult: Sendable, Hashable {
    /// The object to persist, with `metadata.managedFields` updated.
    public var object: JSONValue
    /// The new `metadata.managedFields` (an array of entries).
    public var managedFields: JSONValue

    /// Creates a result.
    public init(object: JSONValue, managedFields: JSONValue) {
        self.object = object
        self.managedFields = managedFields
    }
}

/// Server-side apply (`application/apply-patch+yaml`) with field ownership.
public enum ServerSideApply {
    /// Applies `config` for `manager` to `live` (`nil` on create).
    ///
    /// The configuration's fields become the manager's Apply entry. Fields
    /// it applied before but no longer sets are removed unless another
    /// manager owns them. Setting a field another manager owns to a different
    /// value is a conflict, unless `force` moves its ownership to `manager`.
    /// `status` and server-owned metadata in `config` are ignored; `apiVersion`,
    /// `kind`, `metadata.name` and `metadata.namespace` identify the object
    /// and are not owned. Without a `schema` every list is atomic.
    public static func apply(
        config: JSONValue, to live: JSONValue?, manager: String, force: Bool, now: String,
        schema: StrategicMergeSchema?
    ) throws(ApplyError) -> ApplyResult {
        guard case .object = config else {
            throw ApplyError(.invalidObject, "the applied configuration must be a JSON object")
        }
        if let managedFields = config["metadata"]?["managedFields"], managedFields != .null {
            throw ApplyError(.managedFieldsInConfig, "metadata.managedFields must be nil")
        }
        let schema = schema ?? .empty
        let liveObject = live ?? .object([:])
        let applied = try FieldSet(of: config, schema: schema, strict: true)
            .filter { ManagedFields.isTracked($0, subresource: nil) }
        let ownEntry = ManagedFieldsEntry(
            manager: manager, operation: .apply, apiVersion: config["apiVersion"]?.stringValue ?? "", time: now,
            fields: applied)

        var entries = ManagedFields.entries(in: liveObject)
        let previous = entries.first { $0.hasSameIdentity(as: ownEntry) }?.fields ?? FieldSet()
        entries.removeAll { $0.hasSameIdentity(as: ownEntry) }

        var conflicts: [ApplyConflict] = []
        for index in entries.indices {
            let contested = entries[index].fields.intersection(applied)
                .filter { changes($0, config: config, live: liveObject) }
            guard !contested.isEmpty else { continue }
            if force {
                entries[index].fields.subtract(contested)
            } else {
                let name = entries[index].conflictName
                conflicts += contested.paths.map { ApplyConflict(manager: name, path: $0) }
            }
        }
        guard conflicts.isEmpty else { throw ApplyError.conflicts(conflicts) }

        var object = ApplyMerger(schema: schema).merge(
            live: liveObject, config: withoutServerFields(config), schemaPath: [])
        var owned = applied
        for entry in entries {
            owned.formUnion(entry.fields)
        }
        for path in previous.subtracting(applied).sortedPaths where !owned.covers(path) {
            prune(path, from: &object, keeping: owned)
        }
        for index in entries.indices {
            entries[index].fields = entries[index].fields.filter { object.value(at: $0) != nil }
        }
        entries.removeAll { $0.fields.isEmpty }
        if !applied.isEmpty { entries.append(ownEntry) }

        let managedFields = ManagedFields.encode(entries)
        return ApplyResult(object: ManagedFields.setting(managedFields, in: object), managedFields: managedFields)
    }

    /// Whether applying `config` would change the live value at `path`.
    private static func changes(_ path: [PathElement], config: JSONValue, live: JSONValue) -> Bool {
        let current = live.value(at: path)
        guard let wanted = config.value(at: path), wanted != .null else { return current != nil }
        guard let current else { return true }
        return !ManagedFields.isMembership(path) && !wanted.isSemanticallyEqual(to: current)
    }

    /// Removes `path`, then any parent it leaves empty that nobody owns.
    private static func prune(_ path: [PathElement], from object: inout JSONValue, keeping owned: FieldSet) {
        guard object.removeValue(at: path[...]) else { return }
        var parent = path.dropLast()
        while !parent.isEmpty, !owned.covers(Array(parent)), let value = object.value(at: parent),
            value == .object([:]) || value == .array([])
        {
            object.removeValue(at: parent)
            parent = parent.dropLast()
        }
    }

    /// The configuration without `status` and server-owned metadata.
    private static func withoutServerFields(_ config: JSONValue) -> JSONValue {
        guard case .object(var members) = config else { return config }
        members.removeValue(forKey: "status")
        if case .object(let metadata)? = members["metadata"] {
            members["metadata"] = .object(metadata.filter { !ManagedFields.serverOwnedMetadata.contains($0.key) })
        }
        return .object(members)
    }
}
