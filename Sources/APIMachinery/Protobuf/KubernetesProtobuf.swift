import KubeModel

/// Decoder for request bodies in the Kubernetes protobuf encoding
/// (`application/vnd.kubernetes.protobuf`), which kubectl's typed commands
/// (`kubectl create configmap|secret|deployment|...`, `kubectl auth can-i`) send.
///
/// A body is the magic `k8s\0` followed by a `runtime.Unknown` envelope
/// {typeMeta=1 {apiVersion=1, kind=2}, raw=2, contentEncoding=3, contentType=4}
/// whose `raw` holds the object encoded per its `generated.proto`. The result is
/// the JSON Go would marshal for the same object, with `apiVersion` and `kind`.
public enum KubernetesProtobuf {
    /// The media type of the encoding.
    public static let mediaType = "application/vnd.kubernetes.protobuf"

    /// The 4-byte prefix of every body: `k8s\0`.
    public static let magic: [UInt8] = [0x6B, 0x38, 0x73, 0x00]

    /// The deepest message nesting accepted (Kubernetes objects need about 12).
    public static let maxDepth = 64

    /// Decodes a protobuf request body into the object's JSON.
    public static func decode(_ bytes: [UInt8]) throws(ProtobufError) -> JSONValue {
        try decode(bytes, maxDepth: maxDepth)
    }

    /// Whether objects of this kind can be decoded, e.g. `("apps/v1", "Deployment")`.
    public static func supports(apiVersion: String, kind: String) -> Bool {
        ProtoKinds.roots[ProtoKinds.Key(apiVersion: apiVersion, kind: kind)] != nil
    }

    /// Every decodable kind as "apiVersion/Kind" ("v1/ConfigMap", "apps/v1/Deployment"), sorted.
    public static var supportedKinds: [String] {
        ProtoKinds.roots.keys.map { "\($0.apiVersion)/\($0.kind)" }.sorted()
    }

    static func decode(_ bytes: [UInt8], maxDepth: Int) throws(ProtobufError) -> JSONValue {
        guard bytes.count >= magic.count, Array(bytes.prefix(magic.count)) == magic else {
            throw ProtobufError(.badMagic, "body does not start with the Kubernetes protobuf magic k8s\\0")
        }
        let envelope = try Envelope(ProtobufReader(bytes, from: magic.count))
        guard !envelope.apiVersion.isEmpty, !envelope.kind.isEmpty else {
            throw ProtobufError(.missingTypeMeta, "protobuf envelope has no apiVersion or kind")
        }
        guard envelope.contentEncoding.isEmpty else {
            throw ProtobufError(
                .unsupportedEncoding, "protobuf content encoding \(envelope.contentEncoding) is not supported")
        }
        guard envelope.contentType.isEmpty || envelope.contentType == mediaType else {
            throw ProtobufError(
                .unsupportedEncoding, "protobuf envelope content type \(envelope.contentType) is not supported")
        }
        let key = ProtoKinds.Key(apiVersion: envelope.apiVersion, kind: envelope.kind)
        guard let root = ProtoKinds.roots[key] else {
            throw ProtobufError(
                .unsupportedKind,
                "protobuf is not supported for \(envelope.kind) in \(envelope.apiVersion): send JSON instead")
        }
        var object = try ProtoMessageDecoder(maxDepth: maxDepth)
            .object(root, envelope.raw, depth: 1)
        object["apiVersion"] = .string(envelope.apiVersion)
        object["kind"] = .string(envelope.kind)
        return .object(object)
    }
}

/// The `runtime.Unknown` envelope.
private struct Envelope {
    var apiVersion = ""
    var kind = ""
    var raw = ProtobufReader([])
    var contentEncoding = ""
    var contentType = ""

    init(_ reader: ProtobufReader) throws(ProtobufError) {
        var reader = reader
        while !reader.isAtEnd {
            let (number, wireType) = try reader.readTag()
            guard (1...4).contains(number) else {
                try reader.skip(wireType)
                continue
            }
            guard wireType == .lengthDelimited else {
                throw ProtobufError(.wrongWireType, "Unknown field \(number) has wire type \(wireType.rawValue)")
            }
            let value = try reader.readLengthDelimited()
            switch number {
            case 1: try readTypeMeta(value)
            case 2: raw = value
            case 3: contentEncoding = ProtoValueFormat.string(value.remaining)
            default: contentType = ProtoValueFormat.string(value.remaining)
            }
        }
    }

    private mutating func readTypeMeta(_ reader: ProtobufReader) throws(ProtobufError) {
        var reader = reader
        while !reader.isAtEnd {
            let (number, wireType) = try reader.readTag()
            guard number == 1 || number == 2 else {
                try reader.skip(wireType)
                continue
            }
            guard wireType == .lengthDelimited else {
                throw ProtobufError(.wrongWireType, "TypeMeta field \(number) has wire type \(wireType.rawValue)")
            }
            let text = ProtoValueFormat.string(try reader.readLengthDelimited().remaining)
            if number == 1 { apiVersion = text } else { kind = text }
        }
    }
}
