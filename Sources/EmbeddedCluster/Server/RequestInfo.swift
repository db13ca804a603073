/// What a request addresses, parsed from its path as the Kubernetes API server does.
public struct RequestInfo: Sendable, Hashable {
    public var isResourceRequest: Bool
    public var path: String
    /// get, list, watch, create, update, patch, delete, deletecollection.
    public var verb: String
    public var group: String = ""
    public var version: String = ""
    public var namespace: String?
    public var resource: String = ""
    public var name: String?
    public var subresource: String?

    /// Subresources of namespaces that are not nested collections.
    private static let namespaceSubresources: Set<String> = ["status", "finalize"]

    public init(method: String, path: String, query: [String: String]) {
        self.path = path
        var parts = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        isResourceRequest = false
        verb = method.lowercased()
        if parts.first == "api", parts.count >= 2 {
            version = parts[1]
            parts.removeFirst(2)
        } else if parts.first == "apis", parts.count >= 3 {
            group = parts[1]
            version = parts[2]
            parts.removeFirst(3)
        } else {
            return
        }
        guard !parts.isEmpty else { return }  // group-version discovery
        isResourceRequest = true
        if parts[0] == "namespaces", parts.count > 1 {
            namespace = parts[1]
            if parts.count > 2 && !Self.namespaceSubresources.contains(parts[2]) {
                parts.removeFirst(2)
            } else {
                namespace = nil
            }
        }
        resource = parts[0]
        if parts.count > 1 { name = parts[1] }
        if parts.count > 2 { subresource = parts[2...].joined(separator: "/") }
        if resource == "namespaces", namespace == nil, let name { namespace = name }
        let watching = ["true", "1"].contains(query["watch"] ?? "")
        switch method.uppercased() {
        case "GET", "HEAD":
            verb = name == nil ? (watching ? "watch" : "list") : (watching ? "watch" : "get")
        case "POST": verb = "create"
        case "PUT": verb = "update"
        case "PATCH": verb = "patch"
        case "DELETE": verb = name == nil ? "deletecollection" : "delete"
        default: verb = method.lowercased()
        }
    }

    /// The namespace the object lives in; nil for cluster-scoped requests.
    /// (For namespaces themselves `namespace` holds the name, as in Kubernetes.)
    public var objectNamespace: String? { resource == "namespaces" ? nil : namespace }
}
