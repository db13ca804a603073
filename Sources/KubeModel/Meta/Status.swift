/// metav1.StatusReason: why a request failed, machine-readable.
public struct StatusReason: OpenEnum {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let unauthorized: StatusReason = "Unauthorized"
    public static let forbidden: StatusReason = "Forbidden"
    public static let notFound: StatusReason = "NotFound"
    public static let alreadyExists: StatusReason = "AlreadyExists"
    public static let conflict: StatusReason = "Conflict"
    public static let gone: StatusReason = "Gone"
    public static let invalid: StatusReason = "Invalid"
    public static let serverTimeout: StatusReason = "ServerTimeout"
    public static let timeout: StatusReason = "Timeout"
    public static let tooManyRequests: StatusReason = "TooManyRequests"
    public static let badRequest: StatusReason = "BadRequest"
    public static let methodNotAllowed: StatusReason = "MethodNotAllowed"
    public static let notAcceptable: StatusReason = "NotAcceptable"
    public static let requestEntityTooLarge: StatusReason = "RequestEntityTooLarge"
    public static let unsupportedMediaType: StatusReason = "UnsupportedMediaType"
    public static let internalError: StatusReason = "InternalError"
    public static let expired: StatusReason = "Expired"
    public static let serviceUnavailable: StatusReason = "ServiceUnavailable"

    public static let knownValues: [StatusReason] = [
        .unauthorized, .forbidden, .notFound, .alreadyExists, .conflict, .gone, .invalid, .serverTimeout,
        .timeout, .tooManyRequests, .badRequest, .methodNotAllowed, .notAcceptable, .requestEntityTooLarge,
        .unsupportedMediaType, .internalError, .expired, .serviceUnavailable,
    ]
}

/// metav1.StatusCause: one field-level cause of a failure.
public struct StatusCause: Codable, Hashable, Sendable {
    /// e.g. "FieldValueRequired", "FieldValueInvalid", "FieldValueNotSupported".
    public var reason: String?
    public var message: String?
    public var field: String?

    public init(reason: String? = nil, message: String? = nil, field: String? = nil) {
        self.reason = reason
        self.message = message
        self.field = field
    }
}

/// metav1.StatusDetails.
public struct StatusDetails: Codable, Hashable, Sendable {
    public var name: String?
    public var group: String?
    public var kind: String?
    public var uid: String?
    @OmitEmpty public var causes: [StatusCause] = []
    public var retryAfterSeconds: Int32?

    public init(
        name: String? = nil, group: String? = nil, kind: String? = nil, uid: String? = nil,
        causes: [StatusCause] = [], retryAfterSeconds: Int32? = nil
    ) {
        self.name = name
        self.group = group
        self.kind = kind
        self.uid = uid
        self.causes = causes
        self.retryAfterSeconds = retryAfterSeconds
    }
}

/// metav1.Status: the body of every API error (and of some successes).
public struct Status: Codable, Hashable, Sendable, Error, CustomStringConvertible {
    public var apiVersion: String? = "v1"
    public var kind: String? = "Status"
    public var metadata: ListMeta? = ListMeta()
    /// "Success" or "Failure".
    public var status: String?
    public var message: String?
    public var reason: StatusReason?
    public var details: StatusDetails?
    public var code: Int32?

    public init(
        status: String? = "Failure", message: String? = nil, reason: StatusReason? = nil,
        details: StatusDetails? = nil, code: Int32? = nil
    ) {
        self.status = status
        self.message = message
        self.reason = reason
        self.details = details
        self.code = code
    }

    public static func success(_ message: String? = nil, details: StatusDetails? = nil) -> Status {
        Status(status: "Success", message: message, details: details, code: 200)
    }

    public var description: String {
        "\(code.map(String.init) ?? "?") \(reason?.rawValue ?? "Unknown"): \(message ?? "")"
    }
}
