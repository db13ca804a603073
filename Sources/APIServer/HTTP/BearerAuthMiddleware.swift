import Hummingbird

/// With a token configured, every request but the health probes (/healthz,
/// /readyz) needs `Authorization: Bearer <token>`: /api/* and /ws/*, and
/// anything else, so no spelling of a path slips past.
struct BearerAuthMiddleware: RouterMiddleware {
    typealias Context = APIRequestContext
    let token: APIToken?

    static let openPaths: Set<String> = ["/healthz", "/readyz"]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard Self.isAllowed(request, token: token) else { throw APIError.unauthorized }
        return try await next(request, context)
    }

    static func isAllowed(_ request: Request, token: APIToken?) -> Bool {
        guard let token, !openPaths.contains(request.uri.path) else { return true }
        return token.accepts(authorization: request.headers[.authorization])
    }
}
