/// A channel's failure, with a stable code. `permanent` failures (a rejected
/// token, an unknown chat) are not retried; the others are, with backoff.
public struct ChannelError: Error, Sendable, CustomStringConvertible {
    public var code: String
    public var message: String
    public var permanent: Bool
    /// How long the platform asked us to wait before the next call.
    public var retryAfter: Duration?

    public init(code: String, _ message: String, permanent: Bool = false, retryAfter: Duration? = nil) {
        self.code = code
        self.message = message
        self.permanent = permanent
        self.retryAfter = retryAfter
    }

    public var description: String { "\(code): \(message)" }

    static func configuration(_ message: String) -> ChannelError {
        ChannelError(code: "InvalidConfiguration", message, permanent: true)
    }
}
