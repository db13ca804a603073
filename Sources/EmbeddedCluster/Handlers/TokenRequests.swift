import Foundation
import Hummingbird
import KubeModel

/// POST serviceaccounts/<name>/token: TokenRequest, as `kubectl create token` uses it.
enum TokenRequests {
    static func handle(
        _ info: RequestInfo, body: Data, contentType: String?, store: ObjectStore, authenticator: TokenAuthenticator
    ) async throws -> Response {
        let namespace = info.namespace ?? "default"
        let name = info.name ?? ""
        guard let account = await store.get(TokenAuthenticator.serviceAccounts, ObjectKey(namespace: namespace, name: name))
        else { throw APIError.notFound(TokenAuthenticator.serviceAccounts, name) }
        var object = try RequestBody.decode(body, contentType: contentType)
        object["status"] = nil  // a request carries no status (protobuf clients send an empty one)
        let request = try ObjectValidation.decode(
            TokenRequest.self, object,
            type: ResourceType(group: "authentication.k8s.io", version: "v1", kind: "TokenRequest", plural: "tokenrequests", namespaced: true))
        let seconds = max(600, min(request.spec.expirationSeconds ?? 3600, 48 * 3600))
        var bound: (ResourceKey, StoredObject)?
        if let reference = request.spec.boundObjectRef {
            let resource: ResourceKey =
                switch reference.kind {
                case "Pod": ResourceKey(group: "", resource: "pods")
                case "Secret": ResourceKey(group: "", resource: "secrets")
                default: throw APIError.badRequest("cannot bind a token to a \(reference.kind ?? "object"): use a Pod or a Secret")
                }
            guard let boundObject = await store.get(resource, ObjectKey(namespace: namespace, name: reference.name ?? "")),
                reference.uid == nil || reference.uid == boundObject.uid
            else { throw APIError.notFound(resource, reference.name ?? "") }
            bound = (resource, boundObject)
        }
        let issued = try await authenticator.issue(
            namespace: namespace, serviceAccount: account, expirationSeconds: seconds, bound: bound)
        var response = request
        response.metadata.name = name
        response.metadata.namespace = namespace
        response.metadata.creationTimestamp = .now
        response.spec.expirationSeconds = seconds
        response.status = TokenRequestStatus(token: issued.token, expirationTimestamp: issued.expiration)
        return Responses.encodable(response, status: .created)
    }
}

/// Where pod logs come from; the local node provides them.
public protocol PodLogSource: Sendable {
    func logs(namespace: String, pod: String, options: PodLogOptions) async throws -> Response
}

public struct PodLogOptions: Sendable {
    public var container: String?
    public var follow = false
    public var tailLines: Int?
    public var sinceSeconds: Int?
    public var timestamps = false
    public var previous = false

    init(query: [String: String]) {
        container = query["container"]
        follow = query["follow"] == "true"
        tailLines = query["tailLines"].flatMap { Int($0) }
        sinceSeconds = query["sinceSeconds"].flatMap { Int($0) }
        timestamps = query["timestamps"] == "true"
        previous = query["previous"] == "true"
    }
}

enum PodLogs {
    static func handle(
        _ info: RequestInfo, query: [String: String], store: ObjectStore, source: (any PodLogSource)?
    ) async throws -> Response {
        let namespace = info.namespace ?? "default"
        let name = info.name ?? ""
        guard await store.get(ResourceKey(group: "", resource: "pods"), ObjectKey(namespace: namespace, name: name)) != nil
        else { throw APIError.notFound(ResourceKey(group: "", resource: "pods"), name) }
        guard let source else {
            throw APIError.badRequest("pod \(name) has no logs: no node is running it")
        }
        return try await source.logs(namespace: namespace, pod: name, options: PodLogOptions(query: query))
    }
}
