import APIMachinery
import Foundation
import KubeModel
import KubeYAML

extension ObjectService {
    public enum PatchType: String, Sendable {
        case merge = "application/merge-patch+json"
        case json = "application/json-patch+json"
        case strategic = "application/strategic-merge-patch+json"
        case apply = "application/apply-patch+yaml"

        init(contentType: String) throws {
            let mediaType = contentType.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
            if mediaType == "application/apply-patch+json" {
                self = .apply
                return
            }
            guard let type = PatchType(rawValue: mediaType) else { throw APIError.unsupportedMediaType(contentType) }
            self = type
        }
    }

    /// PATCH in any of Kubernetes' four patch formats. Server-side apply creates
    /// the object when it does not exist; the other formats need it to.
    public func patch(
        _ type: ResourceType, key: ObjectKey, patch body: Data, contentType: String, subresource: String? = nil,
        fieldManager: String? = nil, force: Bool = false, user: RequestUser = .system,
        options: WriteOptions = WriteOptions()
    ) async throws -> (object: StoredObject, created: Bool) {
        let patchType = try PatchType(contentType: contentType)
        if patchType == .apply, fieldManager?.isEmpty ?? true {
            throw APIError.badRequest("PATCH with the apply content type requires a fieldManager query parameter")
        }
        let document = try Self.decodePatch(body, type: patchType)
        if patchType == .strategic && !StrategicMergeSchema.supportsStrategicMerge(group: type.group, kind: type.kind) {
            throw APIError.unsupportedMediaType("application/strategic-merge-patch+json is not supported for \(type.kind).\(type.group); use a JSON merge patch")
        }
        for _ in 0..<5 {
            guard let current = await store.get(type.key, key) else {
                guard patchType == .apply else { throw APIError.notFound(type.key, key.name) }
                var created = try Self.serverSideApply(document, to: nil, type: type, manager: fieldManager ?? "", force: force)
                created["metadata"]?["name"] = .string(key.name)
                var createOptions = options
                createOptions.fieldManager = nil  // apply recorded its own entry
                let object = try await create(
                    type, namespace: type.namespaced ? key.namespace : nil, body: created, user: user, options: createOptions)
                return (object, true)
            }
            let original = try current.object()
            var patched: JSONValue
            do {
                switch patchType {
                case .merge: patched = JSONMergePatch.apply(document, to: original)
                case .json: patched = try JSONPatch.apply(document, to: original)
                case .strategic:
                    let schema = StrategicMergeSchema.builtin(group: type.group, kind: type.kind) ?? StrategicMergeSchema()
                    patched = try StrategicMergePatch.apply(document, to: original, schema: schema)
                case .apply:
                    patched = try Self.serverSideApply(document, to: original, type: type, manager: fieldManager ?? "", force: force)
                }
            } catch let error as PatchError {
                throw Self.apiError(error, type: type, name: key.name)
            }
            if patchType != .apply, patched["metadata"]?["resourceVersion"] == original["metadata"]?["resourceVersion"] {
                patched["metadata"]?["resourceVersion"] = .string(String(current.resourceVersion))
            }
            do {
                var updateOptions = options
                if patchType == .apply { updateOptions.fieldManager = nil }
                let updated = try await update(
                    type, key: key, body: patched, subresource: subresource, user: user, options: updateOptions,
                    requireVersion: false)
                return (updated, false)
            } catch let error as APIError where error.code == 409 && error.status.reason == .conflict
                && patched["metadata"]?["resourceVersion"]?.stringValue == String(current.resourceVersion)
            {
                continue  // raced with another writer; patches apply to the latest version
            }
        }
        throw APIError.conflict(type.key, key.name)
    }

    static func decodePatch(_ body: Data, type: PatchType) throws -> JSONValue {
        if type == .apply {
            guard let text = String(data: body, encoding: .utf8) else { throw APIError.badRequest("the patch is not valid UTF-8") }
            do { return try YAMLReader.parse(text) } catch {
                throw APIError.badRequest("error decoding YAML: \(error.message)")
            }
        }
        return try RequestBody.decodeJSON(body)
    }

    static func serverSideApply(_ config: JSONValue, to live: JSONValue?, type: ResourceType, manager: String, force: Bool) throws -> JSONValue {
        guard case .object = config else { throw APIError.badRequest("the applied configuration must be an object") }
        let name = config["metadata"]?["name"]?.stringValue ?? live?["metadata"]?["name"]?.stringValue ?? ""
        do {
            return try ServerSideApply.apply(
                config: config, to: live, manager: manager, force: force, now: Time.now.description,
                schema: StrategicMergeSchema.builtin(group: type.group, kind: type.kind)
            ).object
        } catch {
            switch error.code {
            case .conflict:
                throw APIError(
                    code: 409, reason: .conflict, message: error.message,
                    details: StatusDetails(name: name, group: type.group, kind: type.plural))
            case .invalidListElement:
                throw APIError.invalid(kind: type.kind, group: type.group, name: name, [.invalid("", error.message)])
            default: throw APIError.badRequest(error.message)
            }
        }
    }

    static func apiError(_ error: PatchError, type: ResourceType, name: String) -> APIError {
        switch error.kind {
        case .malformed: APIError.badRequest(error.message)
        case .unsupportedMediaType: APIError.unsupportedMediaType(error.message)
        default: APIError.invalid(kind: type.kind, group: type.group, name: name, [.invalid("", error.message)])
        }
    }
}
