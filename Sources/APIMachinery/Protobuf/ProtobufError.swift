import KubeModel

/// A request body in the Kubernetes protobuf encoding that could not be decoded.
///
/// `code` is stable and machine-readable. Malformed input is answered with
/// 400 Bad Request; well-formed input this server cannot decode (an unknown
/// kind, a content encoding, a field that is not modelled) with
/// 415 Unsupported Media Type, so the client can resend the object as JSON.
public struct ProtobufError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Stable error codes.
    public enum Code: String, Sendable, Hashable {
        /// The body does not start with the 4-byte magic `k8s\0`.
        case badMagic = "BadMagic"
        /// The input ends in the middle of a tag, value or length-delimited field.
        case truncated = "Truncated"
        /// A varint is longer than 10 bytes.
        case malformedVarint = "MalformedVarint"
        /// A length prefix is larger than any message this decoder accepts.
        case invalidLength = "InvalidLength"
        /// A tag has field number 0, or a wire type that is not 0, 1, 2 or 5.
        case invalidTag = "InvalidTag"
        /// A known field arrived with a wire type its schema does not allow.
        case wrongWireType = "WrongWireType"
        /// Messages are nested deeper than `KubernetesProtobuf.maxDepth`.
        case tooDeep = "TooDeep"
        /// A value cannot be represented in JSON (time out of range, bad IntOrString type, bad JSON).
        case invalidValue = "InvalidValue"
        /// The envelope lacks `apiVersion` or `kind`.
        case missingTypeMeta = "MissingTypeMeta"
        /// The group/version/kind has no protobuf schema here: 415.
        case unsupportedKind = "UnsupportedKind"
        /// The envelope declares a content encoding or content type other than raw protobuf: 415.
        case unsupportedEncoding = "UnsupportedEncoding"
        /// A field Kubernetes defines but this decoder does not model carries a value: 415.
        case unsupportedField = "UnsupportedField"
    }

    /// Stable machine-readable code.
    public var code: Code
    /// Human-readable explanation.
    public var message: String

    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// True when the input was valid protobuf that this server cannot decode,
    /// so resending it as JSON would work.
    public var isUnsupported: Bool {
        switch code {
        case .unsupportedKind, .unsupportedEncoding, .unsupportedField: true
        default: false
        }
    }

    /// The HTTP status code the server answers with: 415 or 400.
    public var httpStatus: Int32 { isUnsupported ? 415 : 400 }

    /// The metav1.Status body for this error.
    public var status: Status {
        Status(
            message: message, reason: isUnsupported ? .unsupportedMediaType : .badRequest,
            code: httpStatus)
    }

    public var description: String { "\(code.rawValue): \(message)" }

    static func truncated(_ what: String) -> ProtobufError {
        ProtobufError(.truncated, "protobuf input ends inside \(what)")
    }
}
