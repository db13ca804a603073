import EventBus
import HTTPTypes
import Hummingbird
import KubeClient
import KubeModel
import NIOCore

extension APIError {
    /// The answer for any error a route throws.
    static func from(_ error: any Error) -> APIError {
        switch error {
        case let error as APIError:
            return error
        case let error as KubeAPIError:
            return kubernetes(error)
        case let error as KubeClientError:
            return kubernetesClient(error)
        case let error as FieldErrors:
            return invalid(error)
        case is NIOTooManyBytesError:
            return APIError(.contentTooLarge, code: Code.payloadTooLarge, "the request body is larger than the limit")
        case let error as EventBusError:
            return APIError(.serviceUnavailable, code: Code.eventBusUnavailable, "the event bus failed: \(error.message)")
        case let error as HTTPError:
            return APIError(error.status, code: error.status == .notFound ? Code.routeNotFound : Code.badRequest, error.body ?? "\(error.status)")
        default:
            return internalError
        }
    }

    /// A Kubernetes error answer keeps its status and its reason as the code
    /// (404 NotFound, 409 AlreadyExists or Conflict, 422 Invalid, 403 Forbidden...).
    static func kubernetes(_ error: KubeAPIError) -> APIError {
        let status = (100..<600).contains(error.code) ? HTTPResponse.Status(code: error.code) : .badGateway
        let causes = error.causes.map { Cause(field: $0.field, message: $0.message ?? $0.reason ?? "invalid") }
        var code = error.reason.rawValue
        if code.isEmpty { code = Code.badGateway }
        // The API server's own credentials failing is our problem, not the caller's.
        if error.isUnauthorized {
            return APIError(.badGateway, code: Code.badGateway, "the Kubernetes API refused the API server's credentials: \(error.message)")
        }
        return APIError(status, code: code, error.message, causes: causes)
    }

    static func kubernetesClient(_ error: KubeClientError) -> APIError {
        switch error.code {
        case .transport:
            APIError(.serviceUnavailable, code: Code.kubernetesUnavailable, "the Kubernetes API cannot be reached: \(error.message)")
        default:
            APIError(.badGateway, code: Code.badGateway, "unexpected answer from the Kubernetes API: \(error.message)")
        }
    }

    static func invalid(_ errors: FieldErrors) -> APIError {
        let summary = errors.errors.map(\.description).joined(separator: "; ")
        return invalid(
            "\(errors.kind) \"\(errors.name)\" is invalid: \(summary)",
            causes: errors.errors.map { Cause(field: $0.path, message: $0.message) })
    }
}

/// Validation problems of an object, found before it is sent to Kubernetes.
struct FieldErrors: Error {
    var kind: String
    var name: String
    var errors: [FieldError]
}
