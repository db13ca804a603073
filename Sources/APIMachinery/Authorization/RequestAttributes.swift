import KubeModel

/// What a request wants to do (`authorizer.Attributes`).
///
/// Resource requests name a verb on `resource[/subresource]` in an API group,
/// optionally in a namespace and for a named object; non-resource requests
/// name a verb (the lower-case HTTP method) on a URL path.
public struct RequestAttributes: Hashable, Sendable {
    public var user: RequestUser
    /// get, list, watch, create, update, patch, delete, deletecollection, or
    /// for non-resource requests the lower-case HTTP method.
    public var verb: String
    public var isResourceRequest: Bool
    /// "" for the core group.
    public var apiGroup: String
    public var apiVersion: String
    public var resource: String
    public var subresource: String
    /// "" at cluster scope (including all-namespaces lists).
    public var namespace: String
    public var name: String
    /// The URL path of a non-resource request ("/healthz", "/api").
    public var path: String

    public init(
        user: RequestUser, verb: String, apiGroup: String = "", apiVersion: String = "", resource: String,
        subresource: String = "", namespace: String = "", name: String = "", path: String = ""
    ) {
        self.user = user
        self.verb = verb
        self.isResourceRequest = true
        self.apiGroup = apiGroup
        self.apiVersion = apiVersion
        self.resource = resource
        self.subresource = subresource
        self.namespace = namespace
        self.name = name
        self.path = path
    }

    /// A non-resource request (`/healthz`, `/version`, `/apis`).
    public init(user: RequestUser, verb: String, path: String) {
        self.user = user
        self.verb = verb
        self.isResourceRequest = false
        self.apiGroup = ""
        self.apiVersion = ""
        self.resource = ""
        self.subresource = ""
        self.namespace = ""
        self.name = ""
        self.path = path
    }

    /// `resource/subresource`, or `resource` alone.
    public var combinedResource: String {
        subresource.isEmpty ? resource : resource + "/" + subresource
    }
}
