import KubeModel

extension Api where R: HasStatus {
    /// The object through its status subresource.
    public func getStatus(_ name: String) async throws -> R {
        try decode(try await verbs.get(name, subresource: "status"))
    }

    /// Replaces the status (the spec in the body is ignored by the server).
    public func replaceStatus(_ object: R, parameters: WriteParameters = WriteParameters()) async throws -> R {
        var object = object
        object.fillTypeMeta()
        let name = try Self.name(of: object)
        return try decode(
            try await verbs.replace(
                name, encode(object), namespace: object.metadata.namespace, subresource: "status", parameters: parameters))
    }

    /// Patches the status subresource.
    public func patchStatus(_ name: String, _ patch: Patch, parameters: WriteParameters = WriteParameters()) async throws -> R {
        try decode(try await verbs.patch(name, patch, subresource: "status", parameters: parameters))
    }
}
