import KubeModel

/// An error answer from the API server, decoded from its `Status` object.
public struct KubeAPIError: Error, Sendable, Hashable, CustomStringConvertible {
    /// HTTP status code (404, 409, 422...).
    public var code: Int
    /// The machine-readable reason ("NotFound", "Conflict", "Invalid"...).
    public var reason: StatusReason
    public var message: String
    /// The full Status the server sent (details, causes).
    public var status: Status

    public init(code: Int, status: Status) {
        self.code = code
        self.status = status
        self.reason = status.reason ?? Self.reason(forHTTPStatus: code)
        self.message = status.message ?? "the server answered \(code)"
    }

    /// Field-level causes of an Invalid answer.
    public var causes: [StatusCause] { status.details?.causes ?? [] }

    public var isNotFound: Bool { reason == .notFound || code == 404 }
    public var isAlreadyExists: Bool { reason == .alreadyExists }
    public var isConflict: Bool { reason == .conflict || (code == 409 && reason != .alreadyExists) }
    public var isInvalid: Bool { reason == .invalid || code == 422 }
    public var isForbidden: Bool { reason == .forbidden || code == 403 }
    public var isUnauthorized: Bool { reason == .unauthorized || code == 401 }
    /// 410: the requested resource version is older than the server keeps.
    public var isGone: Bool { reason == .gone || reason == .expired || code == 410 }
    /// Worth retrying unchanged: throttling, timeouts, unavailable.
    public var isRetryable: Bool { code == 429 || code == 500 || code == 503 || code == 504 }

    public var description: String {
        let detail = causes.compactMap { cause in
            [cause.field, cause.message].compactMap { $0 }.joined(separator: ": ")
        }
        return detail.isEmpty ? "\(reason) (\(code)): \(message)" : "\(reason) (\(code)): \(message) [\(detail.joined(separator: "; "))]"
    }

    static func reason(forHTTPStatus code: Int) -> StatusReason {
        switch code {
        case 400: .badRequest
        case 401: .unauthorized
        case 403: .forbidden
        case 404: .notFound
        case 405: .methodNotAllowed
        case 406: .notAcceptable
        case 409: .conflict
        case 410: .gone
        case 413: .requestEntityTooLarge
        case 415: .unsupportedMediaType
        case 422: .invalid
        case 429: .tooManyRequests
        case 503: .serviceUnavailable
        case 504: .timeout
        default: .internalError
        }
    }
}
