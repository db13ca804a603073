import Foundation

/// A provider call failed. `code` is stable; `message` says what to fix.
public struct ProviderError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable {
        /// 401/403: the key is missing, wrong or lacks access.
        case unauthorized = "Unauthorized"
        /// 404: unknown model, deployment or endpoint.
        case modelNotFound = "ModelNotFound"
        /// 429.
        case rateLimited = "RateLimited"
        /// 5xx (and Anthropic's 529 overloaded).
        case serverError = "ServerError"
        /// Other 4xx: the request was refused as malformed.
        case badRequest = "BadRequest"
        case timeout = "Timeout"
        /// The connection could not be made or broke.
        case connection = "ConnectionFailed"
        /// The answer was not in the provider's format.
        case invalidResponse = "InvalidResponse"
    }

    public var kind: Kind
    public var code: String { kind.rawValue }
    /// "provider/model".
    public var model: String
    public var status: Int?
    public var message: String
    /// From Retry-After / retry-after-ms.
    public var retryAfter: Duration?

    public init(kind: Kind, model: String, status: Int? = nil, message: String, retryAfter: Duration? = nil) {
        self.kind = kind
        self.model = model
        self.status = status
        self.message = message
        self.retryAfter = retryAfter
    }

    /// Worth retrying the same request against the same provider.
    public var isRetryable: Bool {
        switch kind {
        case .rateLimited, .serverError, .timeout, .connection: true
        default: false
        }
    }

    /// Worth trying the next model of the fallback chain: retryable errors
    /// (once retries are spent) and availability errors (unknown model).
    public var triggersFailover: Bool { isRetryable || kind == .modelNotFound || kind == .invalidResponse }

    public var description: String { message }

    /// Turns an HTTP error answer into a clear error.
    static func http(status: Int, body: String, model: ModelEndpoint, retryAfter: Duration?) -> ProviderError {
        var message = ProviderErrorBody.message(in: body) ?? ""
        while message.hasSuffix(".") { message.removeLast() }
        let detail = message.isEmpty ? "" : ": \(message)"
        let label = model.label
        switch status {
        case 401, 403:
            let keys = ModelEndpoint.keyVariables(for: model.provider).joined(separator: " or ")
            return ProviderError(
                kind: .unauthorized, model: label, status: status,
                message:
                    "\(model.provider) rejected the API key (HTTP \(status))\(detail). Check the Secret named by the model's authSecretRef: it must hold \(keys)."
            )
        case 404:
            return ProviderError(
                kind: .modelNotFound, model: label, status: status,
                message:
                    "\(model.provider) does not know model \"\(model.model)\" or its endpoint (HTTP 404)\(detail). Check MODEL_NAME and MODEL_BASE_URL."
            )
        case 408:
            return ProviderError(kind: .timeout, model: label, status: status, message: "\(label) timed out (HTTP 408)\(detail)")
        case 429:
            return ProviderError(
                kind: .rateLimited, model: label, status: status, message: "\(label) is rate limiting requests (HTTP 429)\(detail)",
                retryAfter: retryAfter)
        case 500...599:
            return ProviderError(
                kind: .serverError, model: label, status: status, message: "\(label) failed with HTTP \(status)\(detail)",
                retryAfter: retryAfter)
        default:
            return ProviderError(kind: .badRequest, model: label, status: status, message: "\(label) refused the request (HTTP \(status))\(detail)")
        }
    }
}

/// The error objects of OpenAI (`{"error": {"message"}}`) and Anthropic
/// (`{"type": "error", "error": {"type", "message"}}`).
enum ProviderErrorBody {
    static func message(in body: String) -> String? {
        guard let json = JSONValue.parse(body) else {
            let trimmed = body.trimmingCharacters(in: .whitespacesAndNewlines)
            return trimmed.isEmpty ? nil : TextLimits.prefix(trimmed, maxBytes: 300)
        }
        if let message = json["error"]?["message"]?.stringValue { return message }
        if let message = json["error"]?.stringValue { return message }
        if let message = json["message"]?.stringValue { return message }
        return TextLimits.prefix(body, maxBytes: 300)
    }
}
