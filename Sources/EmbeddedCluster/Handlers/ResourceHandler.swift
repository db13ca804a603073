import APIMachinery
import Foundation
import Hummingbird
import KubeModel
import Logging
import NIOCore

/// Serves the REST verbs of every registered resource.
struct ResourceHandler: Sendable {
    let service: ObjectService
    let tables: TableRenderer
    let reviews: Reviews
    let logger: Logger

    var store: ObjectStore { service.store }

    func handle(
        _ info: RequestInfo, type: ResourceType, request: Request, body: Data, query: [String: String],
        user: RequestUser
    ) async throws -> Response {
        let namespace = type.namespaced ? info.namespace : nil
        if type.namespaced, info.namespace == nil, info.name != nil {
            throw APIError.notFound(type.key, info.name ?? "")
        }
        let wantsTable = request.headers[.accept]?.contains("as=Table") ?? false
        let agent = request.headers[.userAgent].map { String($0.prefix { $0 != "/" }) }
        let options = WriteOptions(
            dryRun: query["dryRun"] == "All", fieldManager: query["fieldManager"] ?? agent ?? "unknown",
            strictFieldValidation: query["fieldValidation"] == "Strict")
        switch info.verb {
        case "get":
            let stored = try await get(type, namespace: namespace, name: info.name ?? "")
            if info.subresource == "status" || info.subresource == nil {
                return wantsTable ? try tables.table(for: [stored], type: type, resourceVersion: stored.resourceVersion, query: query) : Responses.json(stored.json)
            }
            throw APIError.notFound(type.key, info.name ?? "")
        case "list":
            return try await list(type, namespace: namespace, query: query, table: wantsTable)
        case "watch":
            return try await WatchHandler(store: store, tables: tables, logger: logger).watch(
                type, namespace: namespace, name: info.name, query: query, table: wantsTable)
        case "create":
            let object = try RequestBody.decode(body, contentType: request.headers[.contentType])
            if type.isVirtual { return try await reviews.handle(type, body: object, user: user) }
            if let subresource = info.subresource {
                throw APIError.methodNotAllowed("create is not supported on \(type.plural)/\(subresource)")
            }
            let created = try await service.create(type, namespace: namespace, body: object, user: user, options: options)
            return Responses.json(created.json, status: .created)
        case "update":
            let object = try RequestBody.decode(body, contentType: request.headers[.contentType])
            let key = ObjectKey(namespace: namespace ?? "", name: info.name ?? "")
            let subresource = try Self.writableSubresource(info.subresource, type: type)
            let updated = try await service.update(
                type, key: key, body: object, subresource: subresource, user: user, options: options)
            return Responses.json(updated.json)
        case "patch":
            let key = ObjectKey(namespace: namespace ?? "", name: info.name ?? "")
            let subresource = try Self.writableSubresource(info.subresource, type: type)
            let patched = try await service.patch(
                type, key: key, patch: body, contentType: request.headers[.contentType] ?? "",
                subresource: subresource, fieldManager: query["fieldManager"], force: query["force"] == "true",
                user: user, options: options)
            return Responses.json(patched.object.json, status: patched.created ? .created : .ok)
        case "delete":
            let options = try DeleteOptions(body: body.isEmpty ? nil : try RequestBody.decodeJSON(body), query: query)
            let key = ObjectKey(namespace: namespace ?? "", name: info.name ?? "")
            let deleted = try await service.delete(type, key: key, options: options, user: user)
            return Responses.json(deleted.json)
        case "deletecollection":
            let options = try DeleteOptions(body: body.isEmpty ? nil : try RequestBody.decodeJSON(body), query: query)
            let listOptions = try ListOptions(query: query)
            for object in await store.list(type.key, namespace: namespace).items where listOptions.matches(object) {
                _ = try? await service.delete(type, key: object.key, options: options, user: user)
            }
            return Responses.encodable(Status.success())
        default:
            throw APIError.methodNotAllowed("\(info.verb) is not supported on \(type.plural)")
        }
    }

    static func writableSubresource(_ subresource: String?, type: ResourceType) throws -> String? {
        guard let subresource else { return nil }
        guard subresource == "status", type.hasStatus else {
            throw APIError.notFound(type.key, subresource)
        }
        return subresource
    }

    func get(_ type: ResourceType, namespace: String?, name: String) async throws -> StoredObject {
        guard let stored = await store.get(type.key, ObjectKey(namespace: namespace ?? "", name: name)) else {
            throw APIError.notFound(type.key, name)
        }
        return stored
    }

    func list(_ type: ResourceType, namespace: String?, query: [String: String], table: Bool) async throws -> Response {
        let options = try ListOptions(query: query)
        let (resourceVersion, all) = await store.list(type.key, namespace: namespace)
        var items = all.filter(options.matches)
        if let after = options.continueKey {
            items = items.filter { $0.key > after }
        }
        var continueToken: String?
        var remaining: Int?
        if let limit = options.limit, items.count > limit {
            remaining = items.count - limit
            items = Array(items.prefix(limit))
            continueToken = items.last.map { ListOptions.encodeContinue(after: $0.key) }
        }
        if table {
            return try tables.table(for: items, type: type, resourceVersion: resourceVersion, query: query, continueToken: continueToken)
        }
        return Responses.list(
            apiVersion: type.apiVersion, kind: type.listKind, resourceVersion: resourceVersion,
            continueToken: continueToken, remaining: remaining, items: items.map(\.json))
    }
}
