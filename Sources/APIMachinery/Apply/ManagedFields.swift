import KubeModel

/// Field ownership bookkeeping in `metadata.managedFields`.
public enum ManagedFields {
    /// Metadata the server owns; never tracked, never taken from an applied configuration.
    static let serverOwnedMetadata: Set<String> = [
        "uid", "resourceVersion", "generation", "creationTimestamp", "managedFields", "deletionTimestamp",
        "deletionGracePeriodSeconds", "selfLink",
    ]

    /// Records an ordinary create/update/patch (`old` is `nil` on create) and
    /// returns `new` with its `metadata.managedFields` updated.
    ///
    /// Fields the request added or changed move to `manager`'s Update entry
    /// (taken from other managers, as updates always force); fields it removed
    /// are released by every manager. Entries are taken from `new` when the
    /// request set them (`[{}]` clears them), otherwise from `old`.
    public static func recordUpdate(
        old: JSONValue?, new: JSONValue, manager: String, operation: ManagedFieldsEntry.Operation = .update,
        apiVersion: String, time: String, subresource: String? = nil, schema: StrategicMergeSchema? = nil
    ) -> JSONValue {
        let schema = schema ?? .empty
        // Field sets only of what is tracked: a pod's spec is not walked for
        // a status update, nor managedFields' own trees for any update.
        let oldObject = trackedPart(of: old ?? .object([:]), subresource: subresource)
        let newObject = trackedPart(of: new, subresource: subresource)
        let tracked = { (path: [PathElement]) in isTracked(path, subresource: subresource) }
        let before = ((try? FieldSet(of: oldObject, schema: schema, strict: false)) ?? FieldSet()).filter(tracked)
        let after = ((try? FieldSet(of: newObject, schema: schema, strict: false)) ?? FieldSet()).filter(tracked)
        let changed = after.filter { path in
            guard before.contains(path), let previous = oldObject.value(at: path) else { return true }
            guard !isMembership(path), let current = newObject.value(at: path) else { return false }
            return !current.isSemanticallyEqual(to: previous)
        }
        let removed = before.subtracting(after)
        let recorded = ManagedFieldsEntry(
            manager: manager, operation: operation, apiVersion: apiVersion, time: time, subresource: subresource,
            fields: changed)

        var entries = initialEntries(old: old, new: new, subresource: subresource)
        var found = false
        for index in entries.indices {
            if entries[index].hasSameIdentity(as: recorded) {
                found = true
                entries[index].fields = entries[index].fields.subtracting(removed).union(changed)
                entries[index].apiVersion = apiVersion
                if !changed.isEmpty { entries[index].time = time }
            } else {
                entries[index].fields.subtract(changed.union(removed))
            }
        }
        if !found { entries.append(recorded) }
        entries.removeAll { $0.fields.isEmpty }
        return setting(encode(entries), in: new)
    }

    /// The decoded `metadata.managedFields` of an object.
    public static func entries(in object: JSONValue) -> [ManagedFieldsEntry] {
        object["metadata"]?["managedFields"]?.arrayValue?.compactMap(ManagedFieldsEntry.init(json:)) ?? []
    }

    /// Entries as stored, in Kubernetes' order.
    public static func encode(_ entries: [ManagedFieldsEntry]) -> JSONValue {
        .array(entries.sorted(by: ManagedFieldsEntry.storageOrder).map(\.json))
    }

    /// `object` with `metadata.managedFields` replaced (removed when empty).
    public static func setting(_ managedFields: JSONValue, in object: JSONValue) -> JSONValue {
        guard case .object(var members) = object else { return object }
        var metadata = members["metadata"]?.objectValue ?? [:]
        metadata["managedFields"] = managedFields == .array([]) ? nil : managedFields
        members["metadata"] = .object(metadata)
        return .object(members)
    }

    /// The members of `object` whose fields can be tracked (see `isTracked`):
    /// `status` alone for the status subresource; otherwise everything but
    /// `status`, with only the metadata members that can be owned.
    static func trackedPart(of object: JSONValue, subresource: String?) -> JSONValue {
        guard case .object(let members) = object else { return object }
        if subresource == "status" { return .object(members["status"].map { ["status": $0] } ?? [:]) }
        var part = members
        part["status"] = nil
        part["apiVersion"] = nil
        part["kind"] = nil
        if case .object(let metadata)? = members["metadata"] {
            let owned = metadata.filter { name, _ in !serverOwnedMetadata.contains(name) && name != "name" && name != "namespace" }
            part["metadata"] = owned.isEmpty ? nil : .object(owned)
        }
        return .object(part)
    }

    /// Whether ownership of `path` is tracked: not identity or server-owned
    /// metadata, and `status` only through the status subresource.
    static func isTracked(_ path: [PathElement], subresource: String?) -> Bool {
        guard case .field(let root)? = path.first else { return false }
        if subresource == "status" { return root == "status" }
        switch root {
        case "apiVersion", "kind", "status":
            return false
        case "metadata":
            guard path.count > 1, case .field(let name) = path[1] else { return true }
            return !serverOwnedMetadata.contains(name) && name != "name" && name != "namespace"
        default:
            return true
        }
    }

    /// Whether a path names a list element rather than a value.
    static func isMembership(_ path: [PathElement]) -> Bool {
        switch path.last {
        case .key?, .value?: true
        default: false
        }
    }

    private static func initialEntries(old: JSONValue?, new: JSONValue, subresource: String?) -> [ManagedFieldsEntry] {
        if subresource == nil, case .array(let items)? = new["metadata"]?["managedFields"], !items.isEmpty {
            return items == [.object([:])] ? [] : entries(in: new)
        }
        return old.map(entries(in:)) ?? []
    }
}
