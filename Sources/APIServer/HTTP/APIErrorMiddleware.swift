import Hummingbird
import Logging

/// Turns every error a route (or the router) throws into a JSON error answer,
/// and logs server-side failures.
struct APIErrorMiddleware: RouterMiddleware {
    typealias Context = APIRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            var answer = APIError.from(error)
            if let http = error as? HTTPError, http.status == .notFound {
                answer = .routeNotFound(request.method, request.uri.path)
            }
            let metadata: Logger.Metadata = [
                "http.method": "\(request.method)", "http.path": "\(request.uri.path)", "http.status": "\(answer.status.code)",
                "error.code": "\(answer.code)",
            ]
            let logger = context.logger
            switch answer.status.code {
            case 500: logger.error("request failed", metadata: metadata.merging(["error": "\(error)"]) { $1 })
            case 501...: logger.warning("request failed", metadata: metadata.merging(["error": "\(answer.message)"]) { $1 })
            default: logger.debug("request refused", metadata: metadata)
            }
            return JSONResponse.error(answer)
        }
    }
}
