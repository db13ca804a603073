import KubeModel

/// Untyped access to any resource as `JSONValue` objects, for manifests and
/// kinds the program does not know at build time.
public struct DynamicApi: Sendable {
    public let resource: ResourcePath
    public let namespace: String?
    let verbs: ResourceVerbs

    public init(_ client: KubeClient, resource: ResourcePath, namespace: String? = nil) {
        self.resource = resource
        self.namespace = resource.namespaced ? namespace : nil
        self.verbs = ResourceVerbs(client: client, path: resource, namespace: self.namespace)
    }

    /// Resolves the kind through discovery.
    public init(_ client: KubeClient, discovery: Discovery, kind: GroupVersionKind, namespace: String? = nil) async throws {
        self.init(client, resource: try await discovery.resource(for: kind), namespace: namespace)
    }

    public func get(_ name: String) async throws -> JSONValue {
        try Self.parse(try await verbs.get(name))
    }

    /// Every matching object (all pages).
    public func list(_ parameters: ListParameters = ListParameters(limit: 500)) async throws -> [JSONValue] {
        var items: [JSONValue] = []
        var token: String?
        repeat {
            let page = try Self.parse(try await verbs.listPage(parameters, continueToken: token))
            items.append(contentsOf: page["items"]?.arrayValue ?? [])
            token = page["metadata"]?["continue"]?.stringValue
        } while token?.isEmpty == false
        return items
    }

    public func create(_ object: JSONValue, parameters: WriteParameters = WriteParameters()) async throws -> JSONValue {
        let namespace = object["metadata"]?["namespace"]?.stringValue
        return try Self.parse(
            try await verbs.create(Array(object.serializedJSON()), namespace: namespace, parameters: parameters))
    }

    public func patch(
        _ name: String, _ patch: Patch, namespace: String? = nil, parameters: WriteParameters = WriteParameters()
    ) async throws -> JSONValue {
        try Self.parse(try await verbs.patch(name, patch, namespace: namespace, parameters: parameters))
    }

    public func delete(_ name: String, parameters: DeleteParameters = DeleteParameters()) async throws {
        _ = try await verbs.delete(name, parameters: parameters)
    }

    static func parse(_ bytes: [UInt8]) throws(KubeClientError) -> JSONValue {
        do {
            return try JSONParser.parse(bytes)
        } catch {
            throw KubeClientError(.decoding, "the answer is not JSON: \(error)")
        }
    }
}
