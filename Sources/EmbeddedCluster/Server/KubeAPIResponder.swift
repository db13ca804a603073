import APIMachinery
import Foundation
import HTTPTypes
import Hummingbird
import KubeModel
import Logging
import NIOCore

/// Every request of the embedded API server: authentication, authorization,
/// discovery, and the REST verbs of every resource.
struct KubeAPIResponder: HTTPResponder {
    typealias Context = APIRequestContext

    let registry: ResourceRegistry
    let authenticator: TokenAuthenticator
    let authorizer: AuthorizerCache
    let resources: ResourceHandler
    let discovery: DiscoveryDocuments
    let openAPI: OpenAPIDocuments
    let logSource: (any PodLogSource)?
    let logger: Logger

    func respond(to request: Request, context: Context) async throws -> Response {
        do {
            return try await handle(request)
        } catch let error as APIError {
            return Responses.status(error)
        } catch {
            logger.error("request failed", metadata: ["path": "\(request.uri.path)", "error": "\(error)"])
            return Responses.status(.internal("\(error)"))
        }
    }

    private func handle(_ request: Request) async throws -> Response {
        let path = request.uri.path
        switch path {
        case "/healthz", "/livez", "/readyz", "/healthz/ping":
            return Response(status: .ok, headers: [.contentType: "text/plain"], body: ResponseBody(byteBuffer: ByteBuffer(string: "ok")))
        default:
            break
        }
        let user = try await authenticate(request)
        var query: [String: String] = [:]
        for (key, value) in request.uri.queryParameters { query[String(key)] = String(value) }
        let info = RequestInfo(method: request.method.rawValue, path: path, query: query)
        try await authorizer.authorize(user: user, info: info)
        if !info.isResourceRequest { return try nonResource(path: path, info: info, request: request) }
        guard let type = registry.type(group: info.group, version: info.version, resource: info.resource) else {
            throw APIError(code: 404, reason: .notFound, message: "the server could not find the requested resource")
        }
        let body = try await Self.collectBody(request)
        if info.resource == "serviceaccounts", info.subresource == "token", info.verb == "create" {
            return try await TokenRequests.handle(
                info, body: body, contentType: request.headers[.contentType], store: resources.store,
                authenticator: authenticator)
        }
        if type.subresources.contains("log"), info.subresource == "log" {
            return try await PodLogs.handle(info, query: query, store: resources.store, source: logSource)
        }
        return try await resources.handle(info, type: type, request: request, body: body, query: query, user: user)
    }

    private func nonResource(path: String, info: RequestInfo, request: Request) throws -> Response {
        let parts = path.split(separator: "/").map(String.init)
        switch parts.count {
        case 1 where parts[0] == "version":
            return Responses.json(DiscoveryDocuments.version)
        case 1 where parts[0] == "api":
            return Responses.json(discovery.coreVersions)
        case 1 where parts[0] == "apis":
            return Responses.json(discovery.groups)
        case 2 where parts[0] == "api":
            if let document = discovery.resources(group: "", version: parts[1]) { return Responses.json(document) }
        case 2 where parts[0] == "apis":
            if let document = discovery.group(parts[1]) { return Responses.json(document) }
        case 3 where parts[0] == "apis":
            if let document = discovery.resources(group: parts[1], version: parts[2]) { return Responses.json(document) }
        default:
            if parts.first == "openapi" { return try openAPI.respond(parts: parts) }
        }
        throw APIError(code: 404, reason: .notFound, message: "the server could not find the requested resource")
    }

    private func authenticate(_ request: Request) async throws -> RequestUser {
        guard let header = request.headers[.authorization], header.hasPrefix("Bearer "),
            let user = await authenticator.authenticate(token: String(header.dropFirst(7)).trimmingCharacters(in: .whitespaces))
        else { throw APIError.unauthorized }
        guard let userHeader = Self.impersonateUser, let groupHeader = Self.impersonateGroup,
            let impersonated = request.headers[userHeader]
        else { return user }
        return try await authorizer.impersonate(impersonated, groups: request.headers[values: groupHeader], by: user)
    }

    static let impersonateUser = HTTPField.Name("Impersonate-User")
    static let impersonateGroup = HTTPField.Name("Impersonate-Group")

    static func collectBody(_ request: Request) async throws -> Data {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > APIRequestContext.maxBodySize {
            throw APIError.tooLarge(limit: APIRequestContext.maxBodySize)
        }
        var request = request
        do {
            let buffer = try await request.collectBody(upTo: APIRequestContext.maxBodySize)
            return Data(buffer.readableBytesView)
        } catch is NIOTooManyBytesError {
            throw APIError.tooLarge(limit: APIRequestContext.maxBodySize)
        } catch {
            throw APIError.badRequest("the request body could not be read: \(error)")
        }
    }
}
