import KubeModel
import Logging

/// Applies arbitrary manifests with server-side apply, whatever their kinds,
/// as `kubectl apply --server-side` does.
public struct ManifestApplier: Sendable {
    public let client: KubeClient
    public let discovery: Discovery
    public var fieldManager: String
    public var force: Bool
    public var dryRun: Bool
    /// Used for namespaced objects whose manifest names no namespace.
    public var defaultNamespace: String

    public init(client: KubeClient, fieldManager: String, force: Bool = true, dryRun: Bool = false, defaultNamespace: String? = nil) {
        self.client = client
        self.discovery = Discovery(client: client)
        self.fieldManager = fieldManager
        self.force = force
        self.dryRun = dryRun
        self.defaultNamespace = defaultNamespace ?? client.configuration.defaultNamespace
    }

    /// One applied object: "deployment.apps/web" in its namespace.
    public struct Applied: Sendable, Hashable, CustomStringConvertible {
        public var kind: GroupVersionKind
        public var namespace: String?
        public var name: String
        public var object: JSONValue

        public var description: String {
            let group = kind.group.isEmpty ? "" : ".\(kind.group)"
            return "\(kind.kind.lowercased())\(group)/\(name)"
        }
    }

    /// Applies the objects in order. A kind defined by a CRD earlier in the
    /// same batch is waited for until the server serves it.
    @discardableResult
    public func apply(_ objects: [JSONValue]) async throws -> [Applied] {
        var applied: [Applied] = []
        var sawCRD = false
        for object in objects where object != .null {
            guard let apiVersion = object["apiVersion"]?.stringValue, let kindName = object["kind"]?.stringValue else {
                throw KubeClientError(.invalidManifest, "a manifest has no apiVersion or kind")
            }
            guard let name = object["metadata"]?["name"]?.stringValue, !name.isEmpty else {
                throw KubeClientError(.invalidManifest, "a \(kindName) manifest has no metadata.name")
            }
            let kind = GroupVersionKind(apiVersion: apiVersion, kind: kindName)
            let resource = try await resolve(kind, waitForCRD: sawCRD)
            var namespace: String?
            var body = object
            if resource.namespaced {
                namespace = object["metadata"]?["namespace"]?.stringValue ?? defaultNamespace
                body["metadata"]?["namespace"] = namespace.map(JSONValue.string)
            }
            let api = DynamicApi(client, resource: resource, namespace: namespace)
            let result = try await api.patch(
                name, .apply(body, force: force), parameters: WriteParameters(fieldManager: fieldManager, dryRun: dryRun))
            applied.append(Applied(kind: kind, namespace: namespace, name: name, object: result))
            if kind.group == "apiextensions.k8s.io", kind.kind == "CustomResourceDefinition" {
                sawCRD = true
                await discovery.invalidate()
            }
        }
        return applied
    }

    private func resolve(_ kind: GroupVersionKind, waitForCRD: Bool) async throws -> ResourcePath {
        var attempts = 0
        while true {
            do {
                return try await discovery.resource(for: kind)
            } catch let error as KubeClientError where error.code == .unknownKind && waitForCRD && attempts < 50 {
                attempts += 1
                try await Task.sleep(for: .milliseconds(200))
            }
        }
    }
}
