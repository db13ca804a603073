import KubeModel

/// A request failure carrying the Kubernetes Status the client receives.
public struct APIError: Error, Sendable, CustomStringConvertible {
    public var status: Status

    public init(_ status: Status) { self.status = status }

    public init(code: Int32, reason: StatusReason, message: String, details: StatusDetails? = nil) {
        status = Status(message: message, reason: reason, details: details, code: code)
    }

    public var code: Int32 { status.code ?? 500 }
    public var description: String { status.description }

    public static func notFound(_ resource: ResourceKey, _ name: String) -> APIError {
        APIError(
            code: 404, reason: .notFound, message: "\(resource) \"\(name)\" not found",
            details: StatusDetails(name: name, group: resource.group, kind: resource.resource))
    }

    public static func alreadyExists(_ resource: ResourceKey, _ name: String) -> APIError {
        APIError(
            code: 409, reason: .alreadyExists, message: "\(resource) \"\(name)\" already exists",
            details: StatusDetails(name: name, group: resource.group, kind: resource.resource))
    }

    public static func conflict(_ resource: ResourceKey, _ name: String, _ why: String? = nil) -> APIError {
        let reason = why ?? "the object has been modified; please apply your changes to the latest version and try again"
        return APIError(
            code: 409, reason: .conflict, message: "Operation cannot be fulfilled on \(resource) \"\(name)\": \(reason)",
            details: StatusDetails(name: name, group: resource.group, kind: resource.resource))
    }

    public static func gone(_ message: String) -> APIError {
        APIError(code: 410, reason: .expired, message: message)
    }

    public static func badRequest(_ message: String) -> APIError {
        APIError(code: 400, reason: .badRequest, message: message)
    }

    public static func invalid(kind: String, group: String, name: String, _ errors: [FieldError]) -> APIError {
        APIError(errors.invalidStatus(kind: kind, group: group, name: name))
    }

    public static func forbidden(_ message: String) -> APIError {
        APIError(code: 403, reason: .forbidden, message: message)
    }

    public static let unauthorized = APIError(code: 401, reason: .unauthorized, message: "Unauthorized")

    public static func methodNotAllowed(_ message: String) -> APIError {
        APIError(code: 405, reason: .methodNotAllowed, message: message)
    }

    public static func unsupportedMediaType(_ contentType: String) -> APIError {
        APIError(code: 415, reason: .unsupportedMediaType, message: "the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf, application/merge-patch+json, application/json-patch+json, application/strategic-merge-patch+json, application/apply-patch+yaml; got \(contentType)")
    }

    public static func tooLarge(limit: Int) -> APIError {
        APIError(code: 413, reason: .requestEntityTooLarge, message: "Request entity too large: limit is \(limit)")
    }

    public static let shuttingDown = APIError(
        code: 503, reason: .serviceUnavailable, message: "the API server is shutting down; retry against the next one")

    public static func `internal`(_ message: String) -> APIError {
        APIError(code: 500, reason: .internalError, message: "Internal error occurred: \(message)")
    }
}
