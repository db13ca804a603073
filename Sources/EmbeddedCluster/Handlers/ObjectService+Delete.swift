import APIMachinery
import Foundation
import KubeModel

/// DeleteOptions as far as the server honours them.
public struct DeleteOptions: Sendable {
    public enum Propagation: String, Sendable {
        case background = "Background"
        case foreground = "Foreground"
        case orphan = "Orphan"
    }

    public var propagation: Propagation = .background
    public var preconditionUID: String?
    public var preconditionResourceVersion: String?
    public var gracePeriodSeconds: Int64?
    public var dryRun = false

    public init() {}

    /// Reads a DeleteOptions body and the equivalent query parameters.
    public init(body: JSONValue?, query: [String: String]) throws {
        if let policy = body?["propagationPolicy"]?.stringValue ?? query["propagationPolicy"] {
            guard let parsed = Propagation(rawValue: policy) else {
                throw APIError.badRequest("unsupported propagationPolicy \"\(policy)\": use Background, Foreground or Orphan")
            }
            propagation = parsed
        } else if let orphan = body?["orphanDependents"]?.boolValue ?? query["orphanDependents"].map({ $0 == "true" }) {
            propagation = orphan ? .orphan : .background
        }
        preconditionUID = body?["preconditions"]?["uid"]?.stringValue
        preconditionResourceVersion = body?["preconditions"]?["resourceVersion"]?.stringValue
        gracePeriodSeconds = body?["gracePeriodSeconds"]?.integerValue ?? query["gracePeriodSeconds"].flatMap { Int64($0) }
        dryRun = (body?["dryRun"]?.arrayValue?.isEmpty == false) || query["dryRun"] == "All"
    }
}

extension ObjectService {
    public static let foregroundFinalizer = "foregroundDeletion"
    public static let orphanFinalizer = "orphan"

    /// Deletes an object. With finalizers (or Foreground/Orphan propagation) the
    /// object stays, marked with a deletionTimestamp, until they are removed.
    public func delete(
        _ type: ResourceType, key: ObjectKey, options: DeleteOptions = DeleteOptions(), user: RequestUser = .system
    ) async throws -> StoredObject {
        guard let current = await store.get(type.key, key) else { throw APIError.notFound(type.key, key.name) }
        var object = try current.object()
        if let uid = options.preconditionUID, uid != current.uid {
            throw APIError.conflict(
                type.key, key.name, "Precondition failed: UID in precondition: \(uid), UID in object meta: \(current.uid)")
        }
        if let version = options.preconditionResourceVersion, version != String(current.resourceVersion) {
            throw APIError.conflict(
                type.key, key.name,
                "Precondition failed: ResourceVersion in precondition: \(version), ResourceVersion in object meta: \(current.resourceVersion)")
        }
        var attributes = AdmissionAttributes(
            operation: .delete, resource: type, namespace: type.namespaced ? key.namespace : nil, name: key.name,
            object: nil, oldObject: object, user: user, dryRun: options.dryRun, store: store)
        try await admission.run(&attributes)
        var finalizers = (object["metadata"]?["finalizers"]?.arrayValue ?? []).compactMap(\.stringValue)
        switch options.propagation {
        case .foreground where !finalizers.contains(Self.foregroundFinalizer):
            finalizers.append(Self.foregroundFinalizer)
        case .orphan where !finalizers.contains(Self.orphanFinalizer):
            finalizers.append(Self.orphanFinalizer)
        default:
            break
        }
        let isNamespace = type.key == NamespaceLifecycle.namespaces
        guard !finalizers.isEmpty || isNamespace else {
            if options.dryRun { return current }
            return try await store.delete(type.key, key, expectedVersion: current.resourceVersion)
        }
        if object["metadata"]?["deletionTimestamp"] != nil && finalizers == Self.strings(object["metadata"]?["finalizers"]) {
            return current  // already being deleted
        }
        if object["metadata"]?["deletionTimestamp"] == nil {
            object["metadata"]?["deletionTimestamp"] = .string(Time.now.description)
            object["metadata"]?["deletionGracePeriodSeconds"] = .integer(options.gracePeriodSeconds ?? 0)
        }
        object["metadata"]?["finalizers"] = finalizers.isEmpty ? nil : .array(finalizers.map(JSONValue.string))
        if isNamespace { object["status"] = ["phase": "Terminating"] }
        if options.dryRun { return current }
        return try await store.update(
            type.key, key, object: object, fields: SelectableFields.of(object, resource: type.key),
            expectedVersion: current.resourceVersion)
    }

    static func strings(_ value: JSONValue?) -> [String] {
        (value?.arrayValue ?? []).compactMap(\.stringValue)
    }

    /// Removes one finalizer, completing the deletion when it was the last.
    public func removeFinalizer(_ finalizer: String, type: ResourceType, key: ObjectKey) async throws {
        for _ in 0..<5 {
            guard let current = await store.get(type.key, key) else { return }
            var object = try current.object()
            let finalizers = Self.strings(object["metadata"]?["finalizers"])
            guard finalizers.contains(finalizer) else { return }
            let remaining = finalizers.filter { $0 != finalizer }
            object["metadata"]?["finalizers"] = remaining.isEmpty ? nil : .array(remaining.map(JSONValue.string))
            do {
                if Self.deletionComplete(object, type: type) {
                    _ = try await store.delete(type.key, key, expectedVersion: current.resourceVersion)
                } else {
                    _ = try await store.update(
                        type.key, key, object: object, fields: SelectableFields.of(object, resource: type.key),
                        expectedVersion: current.resourceVersion)
                }
                return
            } catch let error as APIError where error.code == 409 {
                continue
            }
        }
    }
}
