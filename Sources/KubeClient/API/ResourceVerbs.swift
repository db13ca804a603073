import AsyncHTTPClient
import KubeModel
import NIOCore
import NIOHTTP1

/// The verbs on one resource, in bytes. `Api<R>` and `DynamicApi` decode on top.
struct ResourceVerbs: Sendable {
    let client: KubeClient
    let path: ResourcePath
    /// nil: cluster-scoped, or all namespaces for list and watch.
    let namespace: String?

    func objectPath(_ name: String, namespace override: String? = nil, subresource: String? = nil) throws(KubeClientError) -> String {
        let namespace = override ?? self.namespace
        if path.namespaced, namespace == nil || namespace?.isEmpty == true {
            throw KubeClientError(.configuration, "\(path.plural) are namespaced: name a namespace to address \"\(name)\"")
        }
        guard !name.isEmpty else { throw KubeClientError(.configuration, "an object name is required") }
        return path.object(namespace: path.namespaced ? namespace : nil, name: name, subresource: subresource)
    }

    func collectionPath(namespace override: String? = nil) -> String {
        path.collection(namespace: path.namespaced ? (override ?? namespace) : nil)
    }

    func get(_ name: String, subresource: String? = nil) async throws -> [UInt8] {
        try await client.send(KubeRequest(path: objectPath(name, subresource: subresource))).body
    }

    func listPage(_ parameters: ListParameters, continueToken: String?, resourceVersion: String? = nil) async throws -> [UInt8] {
        var query = parameters.query
        if let limit = parameters.limit { query.append(("limit", String(limit))) }
        if let continueToken { query.append(("continue", continueToken)) }
        if let resourceVersion { query.append(("resourceVersion", resourceVersion)) }
        return try await client.send(KubeRequest(path: collectionPath(), query: query)).body
    }

    func create(_ body: [UInt8], namespace: String?, parameters: WriteParameters) async throws -> [UInt8] {
        if path.namespaced, (namespace ?? self.namespace) == nil {
            throw KubeClientError(.configuration, "\(path.plural) are namespaced: name a namespace to create in")
        }
        let request = KubeRequest(
            method: .POST, path: collectionPath(namespace: namespace), query: parameters.query, body: body,
            contentType: "application/json")
        return try await client.send(request).body
    }

    func replace(
        _ name: String, _ body: [UInt8], namespace: String?, subresource: String? = nil, parameters: WriteParameters
    ) async throws -> [UInt8] {
        let request = KubeRequest(
            method: .PUT, path: try objectPath(name, namespace: namespace, subresource: subresource), query: parameters.query,
            body: body, contentType: "application/json")
        return try await client.send(request).body
    }

    func patch(
        _ name: String, _ patch: Patch, namespace: String? = nil, subresource: String? = nil, parameters: WriteParameters
    ) async throws -> [UInt8] {
        var query = parameters.query
        if case .apply(_, let force) = patch {
            guard parameters.fieldManager != nil else {
                throw KubeClientError(.configuration, "server-side apply needs a field manager")
            }
            if force { query.append(("force", "true")) }
        }
        let request = KubeRequest(
            method: .PATCH, path: try objectPath(name, namespace: namespace, subresource: subresource), query: query,
            body: Array(patch.body.serializedJSON()), contentType: patch.contentType)
        return try await client.send(request).body
    }

    func delete(_ name: String, parameters: DeleteParameters) async throws -> [UInt8] {
        let request = KubeRequest(
            method: .DELETE, path: try objectPath(name), body: Array(parameters.body.serializedJSON()),
            contentType: "application/json")
        return try await client.send(request).body
    }

    func deleteCollection(_ list: ListParameters, parameters: DeleteParameters) async throws -> [UInt8] {
        let request = KubeRequest(
            method: .DELETE, path: collectionPath(), query: list.query, body: Array(parameters.body.serializedJSON()),
            contentType: "application/json")
        return try await client.send(request).body
    }

    /// Opens a watch stream of newline-separated JSON events.
    func watch(_ parameters: ListParameters, resourceVersion: String?, bookmarks: Bool) async throws -> HTTPClientResponse.Body {
        var query = parameters.query
        query.append(("watch", "true"))
        if let resourceVersion { query.append(("resourceVersion", resourceVersion)) }
        if bookmarks { query.append(("allowWatchBookmarks", "true")) }
        let timeout = parameters.timeoutSeconds ?? 290
        query.append(("timeoutSeconds", String(timeout)))
        let deadline = NIODeadline.now() + .seconds(Int64(timeout) + 30)
        return try await client.stream(KubeRequest(path: collectionPath(), query: query), deadline: deadline)
    }
}
