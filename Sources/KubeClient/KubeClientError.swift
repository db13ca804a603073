/// A failure that is not an answer from the API server: configuration,
/// transport, or a response we could not understand.
public struct KubeClientError: Error, Sendable, Hashable, CustomStringConvertible {
    public struct Code: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// The kubeconfig, in-cluster files or client options are unusable.
        public static let configuration = Code(rawValue: "Configuration")
        /// An exec credential plugin failed or printed something unusable.
        public static let credentials = Code(rawValue: "Credentials")
        /// The server could not be reached or the connection broke.
        public static let transport = Code(rawValue: "Transport")
        /// The server's answer did not decode as the expected type.
        public static let decoding = Code(rawValue: "Decoding")
        /// The request could not be encoded.
        public static let encoding = Code(rawValue: "Encoding")
        /// Discovery does not know the requested group/version/kind.
        public static let unknownKind = Code(rawValue: "UnknownKind")
        /// A manifest is malformed (no apiVersion, kind or name).
        public static let invalidManifest = Code(rawValue: "InvalidManifest")
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code): \(message)" }
}
