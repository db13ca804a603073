import HTTPTypes

/// An error answer of the API: an HTTP status, a stable machine-readable
/// code and a message for people, sent as `{"code": ..., "message": ...}`
/// (plus `causes` for field-level problems).
public struct APIError: Error, Sendable, Hashable, CustomStringConvertible {
    /// One field-level problem of an invalid object.
    public struct Cause: Codable, Sendable, Hashable {
        public var field: String?
        public var message: String

        public init(field: String?, message: String) {
            self.field = field
            self.message = message
        }
    }

    public var status: HTTPResponse.Status
    public var code: String
    public var message: String
    public var causes: [Cause]

    public init(_ status: HTTPResponse.Status, code: String, _ message: String, causes: [Cause] = []) {
        self.status = status
        self.code = code
        self.message = message
        self.causes = causes
    }

    public var description: String { "\(code) (\(status.code)): \(message)" }

    /// The JSON body of the answer.
    public var body: APIErrorBody { APIErrorBody(code: code, message: message, causes: causes.isEmpty ? nil : causes) }
}

/// The wire form of an error answer.
public struct APIErrorBody: Codable, Sendable, Hashable {
    public var code: String
    public var message: String
    public var causes: [APIError.Cause]?

    public init(code: String, message: String, causes: [APIError.Cause]? = nil) {
        self.code = code
        self.message = message
        self.causes = causes
    }
}

extension APIError {
    /// Stable codes; Kubernetes' own reasons ("NotFound", "Conflict"...) pass through as codes too.
    public enum Code {
        public static let malformedJSON = "MalformedJSON"
        public static let badRequest = "BadRequest"
        public static let invalid = "Invalid"
        public static let unauthorized = "Unauthorized"
        public static let notFound = "NotFound"
        public static let routeNotFound = "RouteNotFound"
        public static let methodNotAllowed = "MethodNotAllowed"
        public static let payloadTooLarge = "PayloadTooLarge"
        public static let instanceNotFound = "InstanceNotFound"
        public static let upgradeRequired = "UpgradeRequired"
        public static let kubernetesUnavailable = "KubernetesUnavailable"
        public static let badGateway = "BadGateway"
        public static let eventBusUnavailable = "EventBusUnavailable"
        public static let internalError = "InternalError"
    }

    static func malformedJSON(_ detail: String) -> APIError {
        APIError(.badRequest, code: Code.malformedJSON, "the request body is not valid JSON: \(detail)")
    }

    static func badRequest(_ message: String) -> APIError {
        APIError(.badRequest, code: Code.badRequest, message)
    }

    static func invalid(_ message: String, causes: [Cause] = []) -> APIError {
        APIError(.unprocessableContent, code: Code.invalid, message, causes: causes)
    }

    static let unauthorized = APIError(
        .unauthorized, code: Code.unauthorized, "this API needs an Authorization: Bearer <token> header with the server's token")

    static func payloadTooLarge(limit: Int) -> APIError {
        APIError(.contentTooLarge, code: Code.payloadTooLarge, "the request body is larger than the limit of \(limit) bytes")
    }

    static func routeNotFound(_ method: HTTPRequest.Method, _ path: String) -> APIError {
        APIError(.notFound, code: Code.routeNotFound, "no route for \(method) \(path.prefix(200)); the API lives under /api/v1")
    }

    static let internalError = APIError(.internalServerError, code: Code.internalError, "the API server failed; see its log")
}
