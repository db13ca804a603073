/// Descriptors for the subset of Kubernetes `generated.proto` messages the
/// protobuf decoder understands: field number → JSON name, value type and
/// cardinality. Written by hand from the upstream `generated.proto` files.

/// The value carried by one field (or one element / map value of it).
enum ProtoType: Sendable {
    /// `string`: JSON string (invalid UTF-8 replaced with U+FFFD, like Go's JSON encoder).
    case string
    /// `bytes`: JSON base64 string (standard alphabet, padded), like Go's `[]byte`.
    case bytes
    /// `bool` varint.
    case bool
    /// `int32` varint (sign-extended on the wire).
    case int32
    /// `int64` varint.
    case int64
    /// meta/v1 `Time` {seconds=1, nanos=2}: RFC 3339 string, `null` when zero (empty message).
    case time
    /// api/resource `Quantity` {string=1}: the quantity string.
    case quantity
    /// util/intstr `IntOrString` {type=1, intVal=2, strVal=3}: JSON integer or string.
    case intOrString
    /// runtime `RawExtension` / meta/v1 `FieldsV1` {raw=1}: the embedded JSON document.
    case rawJSON
    /// A `{repeated string items = 1}` wrapper such as `ExtraValue`: JSON array of strings.
    case stringList
    /// A nested message, resolved lazily so descriptors may refer to each other.
    case message(@Sendable () -> ProtoMessage)
}

/// How a field appears in the message and in JSON.
enum ProtoLabel: Sendable {
    /// A single value; scalars equal to their zero value are dropped when
    /// `omitEmpty` (Go's `json:",omitempty"` on a non-pointer field).
    case single(omitEmpty: Bool)
    /// `repeated`: a JSON array (packed encoding also accepted for numbers and bools).
    case repeated
    /// `map<string, T>`: entries {key=1, value=2} collected into a JSON object.
    case map
    /// An embedded Go struct whose fields are inlined into the parent JSON object.
    case inline
    /// A field Kubernetes defines that this decoder does not model: a non-empty
    /// value is rejected rather than silently dropped.
    case unsupported
}

/// One field of a message descriptor.
struct ProtoField: Sendable {
    let number: Int
    let name: String
    let type: ProtoType
    let label: ProtoLabel

    /// A non-pointer scalar with `omitempty`: dropped from JSON when zero.
    static func scalar(_ number: Int, _ name: String, _ type: ProtoType) -> ProtoField {
        ProtoField(number: number, name: name, type: type, label: .single(omitEmpty: true))
    }

    /// A pointer, a field without `omitempty`, a struct or a time: kept whenever present.
    static func present(_ number: Int, _ name: String, _ type: ProtoType) -> ProtoField {
        ProtoField(number: number, name: name, type: type, label: .single(omitEmpty: false))
    }

    /// A nested message (pointer or struct): kept whenever present.
    static func message(
        _ number: Int, _ name: String, _ message: @escaping @Sendable () -> ProtoMessage
    ) -> ProtoField {
        ProtoField(number: number, name: name, type: .message(message), label: .single(omitEmpty: false))
    }

    /// A `repeated` scalar.
    static func repeated(_ number: Int, _ name: String, _ type: ProtoType) -> ProtoField {
        ProtoField(number: number, name: name, type: type, label: .repeated)
    }

    /// A `repeated` message.
    static func messages(
        _ number: Int, _ name: String, _ message: @escaping @Sendable () -> ProtoMessage
    ) -> ProtoField {
        ProtoField(number: number, name: name, type: .message(message), label: .repeated)
    }

    /// A `map<string, T>`.
    static func map(_ number: Int, _ name: String, _ value: ProtoType) -> ProtoField {
        ProtoField(number: number, name: name, type: value, label: .map)
    }

    /// An embedded struct inlined into the parent (`json:",inline"`).
    static func inline(_ number: Int, _ message: @escaping @Sendable () -> ProtoMessage) -> ProtoField {
        ProtoField(number: number, name: "", type: .message(message), label: .inline)
    }

    /// A known field that is not modelled: rejected when non-empty.
    static func unsupported(_ number: Int, _ name: String) -> ProtoField {
        ProtoField(number: number, name: name, type: .bytes, label: .unsupported)
    }
}

/// A message descriptor: its proto name and fields by number.
struct ProtoMessage: Sendable {
    let name: String
    let fields: [Int: ProtoField]

    init(_ name: String, _ fields: [ProtoField]) {
        self.name = name
        self.fields = Dictionary(fields.map { ($0.number, $0) }, uniquingKeysWith: { first, _ in first })
    }
}

/// Namespace for the hand-written descriptors (see the `ProtoSchema+*.swift` files).
enum ProtoSchema {}
