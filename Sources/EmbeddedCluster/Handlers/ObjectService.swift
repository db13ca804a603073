import APIMachinery
import Foundation
import KubeModel
import Logging

/// Per-request options of a write.
public struct WriteOptions: Sendable {
    /// Validate and admit, but store nothing (`dryRun=All`).
    public var dryRun = false
    /// Records the fields this write sets in `metadata.managedFields` (Update entries).
    public var fieldManager: String?
    /// `fieldValidation=Strict`: unknown fields are an error instead of being dropped.
    public var strictFieldValidation = false

    public init(dryRun: Bool = false, fieldManager: String? = nil, strictFieldValidation: Bool = false) {
        self.dryRun = dryRun
        self.fieldManager = fieldManager
        self.strictFieldValidation = strictFieldValidation
    }
}

/// Object lifecycle semantics of the Kubernetes API: what create, update,
/// patch and delete do to metadata, status, generation and finalizers. Used by
/// the HTTP handlers and by the built-in controllers alike.
public struct ObjectService: Sendable {
    public let store: ObjectStore
    public let registry: ResourceRegistry
    public let admission: AdmissionChain
    let logger: Logger

    public init(store: ObjectStore, registry: ResourceRegistry, admission: AdmissionChain, logger: Logger) {
        self.store = store
        self.registry = registry
        self.admission = admission
        self.logger = logger
    }

    // MARK: Create

    public func create(
        _ type: ResourceType, namespace: String?, body: JSONValue, user: RequestUser = .system,
        options: WriteOptions = WriteOptions()
    ) async throws -> StoredObject {
        let dryRun = options.dryRun
        guard case .object = body else { throw APIError.badRequest("the request body must be a JSON object") }
        var object = body
        try Self.checkTypeMeta(&object, type: type)
        var metadata = object["metadata"]?.objectValue ?? [:]
        if type.namespaced {
            let bodyNamespace = metadata["namespace"]?.stringValue
            if let bodyNamespace, !bodyNamespace.isEmpty, let namespace, bodyNamespace != namespace {
                throw APIError.badRequest(
                    "the namespace of the provided object does not match the namespace sent on the request")
            }
            guard let resolved = namespace ?? bodyNamespace, !resolved.isEmpty else {
                throw APIError.badRequest("an empty namespace may not be set during creation")
            }
            metadata["namespace"] = .string(resolved)
        } else {
            metadata["namespace"] = nil
        }
        if metadata["name"]?.stringValue?.isEmpty ?? true {
            guard let prefix = metadata["generateName"]?.stringValue, !prefix.isEmpty else {
                throw APIError.invalid(
                    kind: type.kind, group: type.group, name: "",
                    [.required("metadata.name", "Required value: name or generateName is required")])
            }
            metadata["name"] = .string(prefix + Self.randomSuffix())
        }
        let name = metadata["name"]?.stringValue ?? ""
        let objectNamespace = metadata["namespace"]?.stringValue
        metadata["uid"] = .string(UUID().uuidString.lowercased())
        metadata["creationTimestamp"] = .string(Time.now.description)
        metadata["generation"] = 1
        metadata["resourceVersion"] = nil
        metadata["deletionTimestamp"] = nil
        metadata["deletionGracePeriodSeconds"] = nil
        metadata["selfLink"] = nil
        object["metadata"] = .object(metadata)
        if type.hasStatus { object["status"] = nil }
        BuiltinDefaults.applyOnCreate(&object, type: type)
        if let objectNamespace, type.key != NamespaceLifecycle.namespaces {
            try await NamespaceLifecycle.requireActive(objectNamespace, store: store)
        }
        object = try validated(object, type: type, name: name, strict: options.strictFieldValidation)
        BuiltinDefaults.normalizeOnWrite(&object, type: type)
        var attributes = AdmissionAttributes(
            operation: .create, resource: type, namespace: objectNamespace, name: name, object: object,
            user: user, dryRun: dryRun, store: store)
        try await admission.run(&attributes)
        object = attributes.object ?? object
        if let manager = options.fieldManager {
            object = ManagedFields.recordUpdate(
                old: nil, new: object, manager: manager, apiVersion: type.apiVersion, time: Time.now.description,
                schema: StrategicMergeSchema.builtin(group: type.group, kind: type.kind))
        }
        let key = ObjectKey(namespace: objectNamespace ?? "", name: name)
        if dryRun {
            if await store.get(type.key, key) != nil { throw APIError.alreadyExists(type.key, name) }
            return ObjectStore.makeStored(
                resource: type.key, key: key, rv: 0, json: try ObjectStore.encode(object), object: object,
                fields: SelectableFields.of(object, resource: type.key))
        }
        return try await store.create(type.key, key, object: object, fields: SelectableFields.of(object, resource: type.key))
    }

    // MARK: Update

    /// Replaces an object (PUT), or its status when `subresource` is "status".
    public func update(
        _ type: ResourceType, key: ObjectKey, body: JSONValue, subresource: String? = nil, user: RequestUser = .system,
        options: WriteOptions = WriteOptions(), requireVersion: Bool? = nil
    ) async throws -> StoredObject {
        let dryRun = options.dryRun
        guard case .object = body else { throw APIError.badRequest("the request body must be a JSON object") }
        var object = body
        try Self.checkTypeMeta(&object, type: type)
        if let bodyName = object["metadata"]?["name"]?.stringValue, !bodyName.isEmpty, bodyName != key.name {
            throw APIError.badRequest(
                "the name of the object (\(bodyName)) does not match the name on the URL (\(key.name))")
        }
        guard let current = await store.get(type.key, key) else { throw APIError.notFound(type.key, key.name) }
        let currentObject = try current.object()
        var expected: Int64? = current.resourceVersion
        if let text = object["metadata"]?["resourceVersion"]?.stringValue, !text.isEmpty {
            guard let version = Int64(text) else {
                throw APIError.badRequest("invalid resourceVersion \"\(text)\"")
            }
            if version != current.resourceVersion { throw APIError.conflict(type.key, key.name) }
        } else if requireVersion ?? type.isCustom {
            throw APIError.invalid(
                kind: type.kind, group: type.group, name: key.name,
                [.invalid("metadata.resourceVersion", "Invalid value: 0x0: must be specified for an update")])
        } else {
            expected = current.resourceVersion
        }
        var updated = Self.merge(new: object, onto: currentObject, type: type, subresource: subresource)
        if Self.deletionComplete(updated, type: type) {
            // The last finalizer is gone: the deferred deletion completes now.
            if dryRun { return current }
            return try await store.delete(type.key, key, expectedVersion: expected)
        }
        if subresource == nil {
            updated = try validated(updated, type: type, name: key.name, strict: options.strictFieldValidation)
        }
        BuiltinDefaults.normalizeOnWrite(&updated, type: type)
        var attributes = AdmissionAttributes(
            operation: .update, resource: type, subresource: subresource, namespace: type.namespaced ? key.namespace : nil,
            name: key.name, object: updated, oldObject: currentObject, user: user, dryRun: dryRun, store: store)
        try await admission.run(&attributes)
        updated = attributes.object ?? updated
        if let manager = options.fieldManager {
            updated = ManagedFields.recordUpdate(
                old: currentObject, new: updated, manager: manager, apiVersion: type.apiVersion,
                time: Time.now.description, subresource: subresource,
                schema: StrategicMergeSchema.builtin(group: type.group, kind: type.kind))
        }
        var comparable = updated
        comparable["metadata"]?["resourceVersion"] = currentObject["metadata"]?["resourceVersion"]
        if comparable == currentObject || dryRun { return current }
        return try await store.update(
            type.key, key, object: updated, fields: SelectableFields.of(updated, resource: type.key),
            expectedVersion: expected)
    }

    /// The object to store for an update: server-owned metadata kept, status or
    /// spec taken from the right place, generation advanced on spec changes.
    static func merge(new: JSONValue, onto current: JSONValue, type: ResourceType, subresource: String?) -> JSONValue {
        var result: JSONValue
        if subresource == "status" {
            result = current
            result["status"] = new["status"]
        } else {
            result = new
            if type.hasStatus { result["status"] = current["status"] }
        }
        var metadata = result["metadata"]?.objectValue ?? [:]
        let old = current["metadata"]?.objectValue ?? [:]
        for field in ["uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "namespace", "name"] {
            metadata[field] = old[field]
        }
        if metadata["managedFields"] == nil { metadata["managedFields"] = old["managedFields"] }
        metadata["selfLink"] = nil
        var generation = old["generation"]?.integerValue ?? 1
        if subresource == nil, Self.specChanged(result, current) { generation += 1 }
        metadata["generation"] = .integer(generation)
        result["metadata"] = .object(metadata)
        if result["apiVersion"] == nil { result["apiVersion"] = current["apiVersion"] }
        if result["kind"] == nil { result["kind"] = current["kind"] }
        return result
    }

    /// A deleted object whose finalizers (and, for namespaces, spec.finalizers) are all gone.
    static func deletionComplete(_ object: JSONValue, type: ResourceType) -> Bool {
        guard object["metadata"]?["deletionTimestamp"] != nil,
            (object["metadata"]?["finalizers"]?.arrayValue ?? []).isEmpty
        else { return false }
        if type.key == NamespaceLifecycle.namespaces {
            return (object["spec"]?["finalizers"]?.arrayValue ?? []).isEmpty
        }
        return true
    }

    static func specChanged(_ lhs: JSONValue, _ rhs: JSONValue) -> Bool {
        var left = lhs.objectValue ?? [:]
        var right = rhs.objectValue ?? [:]
        for key in ["metadata", "status", "apiVersion", "kind"] {
            left[key] = nil
            right[key] = nil
        }
        return left != right
    }

    // MARK: Helpers

    static func checkTypeMeta(_ object: inout JSONValue, type: ResourceType) throws {
        if let apiVersion = object["apiVersion"]?.stringValue, !apiVersion.isEmpty, apiVersion != type.apiVersion {
            throw APIError.badRequest(
                "the API version in the data (\(apiVersion)) does not match the expected API version (\(type.apiVersion))")
        }
        if let kind = object["kind"]?.stringValue, !kind.isEmpty, kind != type.kind {
            throw APIError.badRequest("the kind in the data (\(kind)) does not match the expected kind (\(type.kind))")
        }
        object["apiVersion"] = .string(type.apiVersion)
        object["kind"] = .string(type.kind)
    }

    /// Schema (custom resources) and built-in validation; returns the pruned, defaulted object.
    func validated(_ object: JSONValue, type: ResourceType, name: String, strict: Bool = false) throws -> JSONValue {
        var object = object
        var errors = ObjectValidation.validateMetadata(object, type: type)
        if let schema = type.schema {
            if strict {
                var pruned = object
                schema.prune(&pruned)
                let unknown = Self.removedPaths(from: object, to: pruned, path: "")
                if !unknown.isEmpty {
                    let fields = unknown.map { "unknown field \"\($0)\"" }.joined(separator: ", ")
                    throw APIError.badRequest(
                        "\(type.kind) in version \"\(type.version)\" cannot be handled as a \(type.kind): strict decoding error: \(fields)")
                }
            }
            errors += schema.admit(&object)
        } else {
            errors += try ObjectValidation.validateBuiltin(object, type: type)
        }
        if !errors.isEmpty { throw APIError.invalid(kind: type.kind, group: type.group, name: name, errors) }
        return object
    }

    /// Paths present in `original` that pruning removed.
    static func removedPaths(from original: JSONValue, to pruned: JSONValue, path: String) -> [String] {
        switch (original, pruned) {
        case (.object(let before), .object(let after)):
            return before.keys.sorted().flatMap { key -> [String] in
                let child = path.isEmpty ? key : "\(path).\(key)"
                guard let kept = after[key], let value = before[key] else { return [child] }
                return removedPaths(from: value, to: kept, path: child)
            }
        case (.array(let before), .array(let after)):
            return zip(before, after).enumerated().flatMap { index, pair in
                removedPaths(from: pair.0, to: pair.1, path: "\(path)[\(index)]")
            }
        default:
            return []
        }
    }

    private static let suffixAlphabet = Array("bcdfghjklmnpqrstvwxz2456789")

    static func randomSuffix() -> String {
        String((0..<5).map { _ in suffixAlphabet.randomElement() ?? "x" })
    }
}
