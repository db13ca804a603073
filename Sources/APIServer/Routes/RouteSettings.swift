/// What every route needs to know of the configuration.
struct RouteSettings: Sendable {
    var defaultNamespace: String
    var maxRequestBodyBytes: Int

    init(_ configuration: APIServerConfiguration) {
        defaultNamespace = configuration.defaultNamespace
        maxRequestBodyBytes = configuration.maxRequestBodyBytes
    }
}

/// What a DELETE answers: whether the object is gone or still finalizing.
struct DeletionAnswer: Codable, Sendable, Hashable {
    var kind: String
    var namespace: String
    var name: String
    /// "Deleted", or "Pending" while finalizers keep the object.
    var status: String
}
