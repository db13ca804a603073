import Hummingbird
import KubeClient
import Logging

/// /healthz: the process serves. /readyz: the Kubernetes API answers too.
struct HealthRoutes: Sendable {
    let client: KubeClient

    struct Health: Codable, Sendable {
        var status: String
    }

    func healthz(_ request: Request, _ context: APIRequestContext) throws -> Response {
        try JSONResponse.make(Health(status: "ok"))
    }

    /// Answers directly rather than throwing: a probe's failure is no server error to log.
    func readyz(_ request: Request, _ context: APIRequestContext) async throws -> Response {
        var probe = KubeRequest(path: "/version")
        probe.timeout = .seconds(3)
        do {
            _ = try await client.send(probe)
            return try JSONResponse.make(Health(status: "ok"))
        } catch {
            context.logger.debug("not ready", metadata: ["error": "\(error)"])
            let cause = APIError.from(error)
            return JSONResponse.error(
                APIError(.serviceUnavailable, code: APIError.Code.kubernetesUnavailable, "the Kubernetes API does not answer: \(cause.message)"))
        }
    }
}
