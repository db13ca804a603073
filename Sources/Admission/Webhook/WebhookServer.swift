import Foundation
import Hummingbird
import HummingbirdTLS
import KubeModel
import Logging
import NIOCore
import ServiceLifecycle

/// The admission webhook over HTTPS: POST /validate-agentrun and
/// /mutate-agentrun take an AdmissionReview v1, GET /healthz answers ok.
public enum WebhookServer {
    /// Largest AdmissionReview accepted (the API server's own request limit).
    public static let maxBodyBytes = 3 * 1024 * 1024

    /// The HTTPS application and the service that reloads its certificate.
    public static func services(
        handler: AdmissionReviewHandler, certificates: WebhookCertificates, host: String = "0.0.0.0", port: Int,
        logger: Logger, onListening: @escaping @Sendable (Int) async -> Void = { _ in }
    ) throws -> [any ServiceLifecycle.Service] {
        let application = Application(
            router: router(handler: handler),
            server: try .tls(.http1(), tlsConfiguration: certificates.tlsConfiguration()),
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: "sympozium-webhook"),
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? 0) },
            logger: logger)
        return [application, CertificateReloader(certificates: certificates, logger: logger)]
    }

    static func router(handler: AdmissionReviewHandler) -> Router<BasicRequestContext> {
        let router = Router()
        router.get(RouterPath(AdmissionRoutes.health)) { _, _ in "ok" }
        router.post(RouterPath(AdmissionRoutes.validate)) { request, context in
            try await answer(request, context: context, handler: handler, path: .validate)
        }
        router.post(RouterPath(AdmissionRoutes.mutate)) { request, context in
            try await answer(request, context: context, handler: handler, path: .mutate)
        }
        return router
    }

    static func answer(
        _ request: Request, context: BasicRequestContext, handler: AdmissionReviewHandler, path: AdmissionReviewHandler.Path
    ) async throws -> Response {
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: maxBodyBytes)
        } catch {
            return plain(.contentTooLarge, "the AdmissionReview is larger than \(maxBodyBytes) bytes")
        }
        let review: AdmissionReview
        do {
            review = try JSONParser.parse(Data(buffer: body)).decode(as: AdmissionReview.self)
        } catch {
            return plain(.badRequest, "the body is not an admission.k8s.io/v1 AdmissionReview: \(error)")
        }
        var answer = await handler.handle(review, path: path)
        answer.apiVersion = review.apiVersion ?? AdmissionReview.apiVersion
        answer.kind = AdmissionReview.kind
        let data = try JSONValue(encoding: answer).serializedJSON()
        return Response(
            status: .ok, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    private static func plain(_ status: HTTPResponse.Status, _ message: String) -> Response {
        Response(status: status, headers: [.contentType: "text/plain"], body: ResponseBody(byteBuffer: ByteBuffer(string: message + "\n")))
    }
}
