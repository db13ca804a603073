import APIMachinery
import KubeModel

extension RequestUser {
    /// The control plane's own identity, used by built-in controllers.
    public static let system = RequestUser(name: "system:admin", groups: ["system:masters", "system:authenticated"])
}

public enum AdmissionOperation: String, Sendable {
    case create = "CREATE"
    case update = "UPDATE"
    case delete = "DELETE"
}

/// What an admission plugin sees of a request.
public struct AdmissionAttributes: Sendable {
    public var operation: AdmissionOperation
    public var resource: ResourceType
    public var subresource: String?
    public var namespace: String?
    public var name: String
    /// The object as it will be stored; mutating plugins may change it.
    public var object: JSONValue?
    public var oldObject: JSONValue?
    public var user: RequestUser
    public var dryRun: Bool
    /// Read access to every stored object, for plugins that judge a request
    /// by other objects (a policy, a quota).
    public var store: ObjectStore? = nil
}

/// A step of the admission chain. Mutating plugins run first, in order, then
/// every validating plugin; any of them may refuse the request by throwing an
/// `APIError` (typically 403 Forbidden or 422 Invalid).
public protocol AdmissionPlugin: Sendable {
    var name: String { get }
    func mutate(_ attributes: inout AdmissionAttributes) async throws
    func validate(_ attributes: AdmissionAttributes) async throws
}

extension AdmissionPlugin {
    public func mutate(_ attributes: inout AdmissionAttributes) async throws {}
    public func validate(_ attributes: AdmissionAttributes) async throws {}
}

/// The ordered plugins of the embedded API server.
public struct AdmissionChain: Sendable {
    public var plugins: [any AdmissionPlugin]

    public init(plugins: [any AdmissionPlugin] = []) { self.plugins = plugins }

    public func run(_ attributes: inout AdmissionAttributes) async throws {
        for plugin in plugins { try await plugin.mutate(&attributes) }
        for plugin in plugins { try await plugin.validate(attributes) }
    }
}
