import Foundation
import KubeModel

/// Finds the REST path of any group/version/kind from the server's discovery
/// documents, one group-version at a time, cached and refreshed on a miss
/// (a CRD created a moment ago).
public actor Discovery {
    let client: KubeClient
    private var groupVersions: [String: [String: ResourcePath]] = [:]

    public init(client: KubeClient) {
        self.client = client
    }

    /// The resource for a kind, e.g. ("apps/v1", "Deployment") → deployments.
    public func resource(for kind: GroupVersionKind) async throws -> ResourcePath {
        let groupVersion = kind.group.isEmpty ? kind.version : "\(kind.group)/\(kind.version)"
        if let found = groupVersions[groupVersion]?[kind.kind] { return found }
        let resources = try await fetch(group: kind.group, version: kind.version)
        groupVersions[groupVersion] = resources
        guard let found = resources[kind.kind] else {
            throw KubeClientError(.unknownKind, "the server has no kind \(kind.kind) in \(groupVersion)")
        }
        return found
    }

    /// Forgets everything (after CRDs change).
    public func invalidate() {
        groupVersions.removeAll()
    }

    private func fetch(group: String, version: String) async throws -> [String: ResourcePath] {
        let path = group.isEmpty ? "/api/\(version)" : "/apis/\(group)/\(version)"
        let body: [UInt8]
        do {
            body = try await client.send(KubeRequest(path: path)).body
        } catch let error as KubeAPIError where error.isNotFound {
            throw KubeClientError(.unknownKind, "the server does not serve \(group.isEmpty ? version : "\(group)/\(version)")")
        }
        let list: APIResourceList
        do {
            list = try JSONDecoder().decode(APIResourceList.self, from: Data(body))
        } catch {
            throw KubeClientError(.decoding, "discovery document \(path) is not an APIResourceList: \(error)")
        }
        var resources: [String: ResourcePath] = [:]
        for resource in list.resources where !resource.isSubresource {
            resources[resource.kind] = ResourcePath(
                group: group, version: version, plural: resource.name, namespaced: resource.namespaced)
        }
        return resources
    }
}
