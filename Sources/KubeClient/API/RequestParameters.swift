import KubeModel

/// Options of list and watch requests.
public struct ListParameters: Sendable, Hashable {
    public var labelSelector: String?
    public var fieldSelector: String?
    /// Page size; nil asks for everything at once.
    public var limit: Int?
    public var timeoutSeconds: Int?

    public init(labelSelector: String? = nil, fieldSelector: String? = nil, limit: Int? = nil, timeoutSeconds: Int? = nil) {
        self.labelSelector = labelSelector
        self.fieldSelector = fieldSelector
        self.limit = limit
        self.timeoutSeconds = timeoutSeconds
    }

    var query: [(name: String, value: String)] {
        var query: [(name: String, value: String)] = []
        if let labelSelector, !labelSelector.isEmpty { query.append(("labelSelector", labelSelector)) }
        if let fieldSelector, !fieldSelector.isEmpty { query.append(("fieldSelector", fieldSelector)) }
        return query
    }
}

/// Options of create, replace and patch.
public struct WriteParameters: Sendable, Hashable {
    public var fieldManager: String?
    public var dryRun = false

    public init(fieldManager: String? = nil, dryRun: Bool = false) {
        self.fieldManager = fieldManager
        self.dryRun = dryRun
    }

    var query: [(name: String, value: String)] {
        var query: [(name: String, value: String)] = []
        if let fieldManager { query.append(("fieldManager", fieldManager)) }
        if dryRun { query.append(("dryRun", "All")) }
        return query
    }
}

/// A patch and its content type.
public enum Patch: Sendable, Hashable {
    /// JSON merge patch (RFC 7386).
    case merge(JSONValue)
    /// JSON patch (RFC 6902) operations.
    case json([JSONValue])
    /// Strategic merge patch (built-in kinds only).
    case strategic(JSONValue)
    /// Server-side apply of a partial object (needs a field manager).
    case apply(JSONValue, force: Bool = false)

    var contentType: String {
        switch self {
        case .merge: "application/merge-patch+json"
        case .json: "application/json-patch+json"
        case .strategic: "application/strategic-merge-patch+json"
        case .apply: "application/apply-patch+yaml"
        }
    }

    var body: JSONValue {
        switch self {
        case .merge(let value), .strategic(let value), .apply(let value, _): value
        case .json(let operations): .array(operations)
        }
    }

    /// Server-side apply of a typed object (its apiVersion/kind are filled).
    public static func apply<R: KubernetesResource>(_ object: R, force: Bool = false) throws -> Patch {
        var object = object
        object.fillTypeMeta()
        return .apply(try JSONValue(encoding: object), force: force)
    }
}

/// Options of delete.
public struct DeleteParameters: Sendable, Hashable {
    public enum PropagationPolicy: String, Sendable, Hashable {
        case background = "Background"
        case foreground = "Foreground"
        case orphan = "Orphan"
    }

    public var propagationPolicy: PropagationPolicy?
    public var gracePeriodSeconds: Int?
    /// Delete only if the object still has this UID / resourceVersion.
    public var preconditionUID: String?
    public var preconditionResourceVersion: String?
    public var dryRun = false

    public init(
        propagationPolicy: PropagationPolicy? = nil, gracePeriodSeconds: Int? = nil, preconditionUID: String? = nil,
        preconditionResourceVersion: String? = nil, dryRun: Bool = false
    ) {
        self.propagationPolicy = propagationPolicy
        self.gracePeriodSeconds = gracePeriodSeconds
        self.preconditionUID = preconditionUID
        self.preconditionResourceVersion = preconditionResourceVersion
        self.dryRun = dryRun
    }

    /// The DeleteOptions body.
    var body: JSONValue {
        var options: [String: JSONValue] = ["apiVersion": "v1", "kind": "DeleteOptions"]
        if let propagationPolicy { options["propagationPolicy"] = .string(propagationPolicy.rawValue) }
        if let gracePeriodSeconds { options["gracePeriodSeconds"] = .integer(Int64(gracePeriodSeconds)) }
        if dryRun { options["dryRun"] = ["All"] }
        var preconditions: [String: JSONValue] = [:]
        if let preconditionUID { preconditions["uid"] = .string(preconditionUID) }
        if let preconditionResourceVersion { preconditions["resourceVersion"] = .string(preconditionResourceVersion) }
        if !preconditions.isEmpty { options["preconditions"] = .object(preconditions) }
        return .object(options)
    }
}
