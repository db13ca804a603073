import Foundation
import KubeModel

/// Typed access to one kind: `Api<Pod>(client, namespace: "default")`.
///
/// For a namespaced kind, `namespace` nil means every namespace: list and
/// watch span them all, while object verbs need the object's namespace.
public struct Api<R: KubernetesResource>: Sendable {
    public let client: KubeClient
    public let namespace: String?
    let verbs: ResourceVerbs
    /// Whether answers are decoded with their `metadata.managedFields`.
    public private(set) var decodesManagedFields: Bool

    public init(_ client: KubeClient, namespace: String? = nil) {
        self.client = client
        self.namespace = R.scope == .namespaced ? namespace : nil
        self.verbs = ResourceVerbs(client: client, path: ResourcePath(R.self), namespace: self.namespace)
        self.decodesManagedFields = client.configuration.decodesManagedFields
    }

    /// The same kind in another namespace.
    public func namespaced(_ namespace: String) -> Api<R> {
        var api = Api(client, namespace: namespace)
        api.decodesManagedFields = decodesManagedFields
        return api
    }

    /// The same access, decoding objects without `metadata.managedFields`
    /// (for caches, which never read them). Updates stay safe: an update
    /// without managedFields leaves the server's unchanged.
    public func skippingManagedFields() -> Api<R> {
        var api = self
        api.decodesManagedFields = false
        return api
    }

    var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        if !decodesManagedFields { KubeDecoding.skipManagedFields(in: decoder) }
        return decoder
    }

    public func get(_ name: String) async throws -> R {
        try decode(try await verbs.get(name))
    }

    /// The object, or nil when it does not exist.
    public func getIfExists(_ name: String) async throws -> R? {
        do {
            return try await get(name)
        } catch let error as KubeAPIError where error.isNotFound {
            return nil
        }
    }

    /// Every matching object, following continue tokens page by page.
    public func list(_ parameters: ListParameters = ListParameters(limit: 500)) async throws -> ObjectList<R> {
        var all = try await listPage(parameters, continueToken: nil)
        var token = all.metadata.continue
        while let next = token, !next.isEmpty {
            let page = try await listPage(parameters, continueToken: next)
            all.items.append(contentsOf: page.items)
            all.metadata.resourceVersion = page.metadata.resourceVersion
            token = page.metadata.continue
        }
        all.metadata.continue = nil
        all.metadata.remainingItemCount = nil
        return all
    }

    /// One page of a list.
    public func listPage(_ parameters: ListParameters, continueToken: String?) async throws -> ObjectList<R> {
        try decode(try await verbs.listPage(parameters, continueToken: continueToken))
    }

    public func create(_ object: R, parameters: WriteParameters = WriteParameters()) async throws -> R {
        var object = object
        object.fillTypeMeta()
        return try decode(try await verbs.create(encode(object), namespace: object.metadata.namespace, parameters: parameters))
    }

    /// PUT: replaces the object; its resourceVersion makes the write conditional.
    public func replace(_ object: R, parameters: WriteParameters = WriteParameters()) async throws -> R {
        var object = object
        object.fillTypeMeta()
        let name = try Self.name(of: object)
        return try decode(
            try await verbs.replace(name, encode(object), namespace: object.metadata.namespace, parameters: parameters))
    }

    public func patch(_ name: String, _ patch: Patch, parameters: WriteParameters = WriteParameters()) async throws -> R {
        try decode(try await verbs.patch(name, patch, parameters: parameters))
    }

    /// Deletes an object: `.pending` with the object while finalizers (or
    /// foreground deletion) keep it, `.deleted` once it is gone. Servers answer
    /// either a Status or the last state of the object; both are understood.
    @discardableResult
    public func delete(_ name: String, parameters: DeleteParameters = DeleteParameters()) async throws -> DeleteResult<R> {
        let body = try await verbs.delete(name, parameters: parameters)
        if let kind = try? JSONDecoder().decode(KindProbe.self, from: Data(body)), kind.kind == "Status" {
            return .deleted
        }
        let object: R = try decode(body)
        if object.metadata.deletionTimestamp != nil, !object.metadata.finalizers.isEmpty { return .pending(object) }
        return .deleted
    }

    /// Deletes every object matching the selectors in this namespace.
    public func deleteCollection(
        _ list: ListParameters = ListParameters(), parameters: DeleteParameters = DeleteParameters()
    ) async throws {
        _ = try await verbs.deleteCollection(list, parameters: parameters)
    }

    func decode<T: Decodable>(_ bytes: [UInt8]) throws(KubeClientError) -> T {
        do {
            return try decoder.decode(T.self, from: Data(bytes))
        } catch {
            throw KubeClientError(.decoding, "the answer is not a valid \(T.self): \(error)")
        }
    }

    func encode(_ object: some Encodable) throws(KubeClientError) -> [UInt8] {
        do {
            return Array(try JSONEncoder().encode(object))
        } catch {
            throw KubeClientError(.encoding, "cannot encode \(R.kind): \(error)")
        }
    }

    static func name(of object: R) throws(KubeClientError) -> String {
        guard let name = object.metadata.name, !name.isEmpty else {
            throw KubeClientError(.configuration, "the \(R.kind) has no metadata.name")
        }
        return name
    }
}

/// What a delete answered.
public enum DeleteResult<R: KubernetesResource>: Sendable {
    /// The object still exists (finalizers, foreground deletion).
    case pending(R)
    /// The object is gone.
    case deleted
}

struct KindProbe: Decodable {
    var kind: String?
}
