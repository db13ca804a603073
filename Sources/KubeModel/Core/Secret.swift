import Foundation

/// core/v1 Secret.
///
/// `data` holds base64 text exactly as on the wire; use `decodedData(_:)` and
/// `setData(_:_:)` to work with the bytes.
public struct Secret: KubernetesResource {
    public static let group = ""
    public static let version = "v1"
    public static let kind = "Secret"
    public static let plural = "secrets"
    public static let scope = ResourceScope.namespaced

    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var type: SecretType?
    /// Base64-encoded values.
    @OmitEmpty public var data: [String: String] = [:]
    /// Plain-text values; write-only, merged into `data` by the API server.
    @OmitEmpty public var stringData: [String: String] = [:]
    public var immutable: Bool?

    public init(
        metadata: ObjectMeta = ObjectMeta(), type: SecretType? = nil, data: [String: String] = [:],
        stringData: [String: String] = [:], immutable: Bool? = nil
    ) {
        self.apiVersion = Self.apiVersion
        self.kind = Self.kind
        self.metadata = metadata
        self.type = type
        self.data = data
        self.stringData = stringData
        self.immutable = immutable
    }

    /// The bytes stored under `key`. A `stringData` entry wins over `data`, as
    /// it does on the API server; nil when absent or not valid base64.
    public func decodedData(_ key: String) -> Data? {
        if let text = stringData[key] { return Data(text.utf8) }
        guard let encoded = data[key] else { return nil }
        return Data(base64Encoded: encoded)
    }

    /// The value under `key` as UTF-8 text.
    public func decodedString(_ key: String) -> String? {
        decodedData(key).flatMap { String(data: $0, encoding: .utf8) }
    }

    /// Stores `value` base64-encoded under `key` (and drops a `stringData` entry that would override it).
    public mutating func setData(_ key: String, _ value: Data) {
        data[key] = value.base64EncodedString()
        stringData[key] = nil
    }

    /// Stores UTF-8 text base64-encoded under `key`.
    public mutating func setString(_ key: String, _ value: String) {
        setData(key, Data(value.utf8))
    }
}

/// core/v1 SecretType.
public struct SecretType: OpenEnum {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let opaque: SecretType = "Opaque"
    public static let serviceAccountToken: SecretType = "kubernetes.io/service-account-token"
    public static let dockercfg: SecretType = "kubernetes.io/dockercfg"
    public static let dockerConfigJSON: SecretType = "kubernetes.io/dockerconfigjson"
    public static let basicAuth: SecretType = "kubernetes.io/basic-auth"
    public static let sshAuth: SecretType = "kubernetes.io/ssh-auth"
    public static let tls: SecretType = "kubernetes.io/tls"
    public static let bootstrapToken: SecretType = "bootstrap.kubernetes.io/token"
    public static let knownValues: [SecretType] = [
        .opaque, .serviceAccountToken, .dockercfg, .dockerConfigJSON, .basicAuth, .sshAuth, .tls, .bootstrapToken,
    ]
}
