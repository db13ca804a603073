/// An error from the NATS client, with a stable `code` and a readable message.
public struct NATSError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Stable identifier, e.g. `timeout`, `noResponders`, `connectionClosed`.
    public var code: String
    public var message: String

    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "NATSError(\(code)): \(message)" }

    static func protocolViolation(_ detail: String) -> NATSError {
        NATSError(code: "protocolViolation", message: "malformed data from the server: \(detail)")
    }
    static func server(_ text: String) -> NATSError {
        NATSError(code: "serverError", message: "the server reported: \(text)")
    }
    static let timeout = NATSError(code: "timeout", message: "the operation timed out")
    static let noResponders = NATSError(code: "noResponders", message: "no responders are subscribed to the request subject")
    static let connectionClosed = NATSError(code: "connectionClosed", message: "the connection is closed")
    static let notConnected = NATSError(code: "notConnected", message: "the client is not connected")
    static let reconnectBufferExceeded = NATSError(
        code: "reconnectBufferExceeded",
        message: "the client is disconnected and its outgoing buffer is full")
    static func invalidSubject(_ subject: String) -> NATSError {
        NATSError(code: "invalidSubject", message: "invalid subject \"\(subject.prefix(200))\"")
    }
    static func payloadTooLarge(_ size: Int, max: Int) -> NATSError {
        NATSError(code: "payloadTooLarge", message: "payload of \(size) bytes exceeds the server's limit of \(max) bytes")
    }
    static func invalidOptions(_ detail: String) -> NATSError {
        NATSError(code: "invalidOptions", message: detail)
    }
    static func noServers(_ detail: String) -> NATSError {
        NATSError(code: "noServers", message: "could not connect to any server: \(detail)")
    }
}
