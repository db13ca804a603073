/// A validation failure at a field path, as Kubernetes' field.Error.
public struct FieldError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable {
        case required = "FieldValueRequired"
        case invalid = "FieldValueInvalid"
        case notSupported = "FieldValueNotSupported"
        case duplicate = "FieldValueDuplicate"
        case forbidden = "FieldValueForbidden"
        case tooLong = "FieldValueTooLong"
        case typeInvalid = "FieldValueTypeInvalid"
    }

    public var kind: Kind
    /// Dotted path with list indexes: `spec.channels[1].type`.
    public var path: String
    public var message: String

    public init(_ kind: Kind, _ path: String, _ message: String) {
        self.kind = kind
        self.path = path
        self.message = message
    }

    public static func required(_ path: String, _ message: String = "Required value") -> FieldError {
        FieldError(.required, path, message)
    }

    public static func invalid(_ path: String, _ message: String) -> FieldError {
        FieldError(.invalid, path, message)
    }

    public static func notSupported(_ path: String, value: String, supported: [String]) -> FieldError {
        let list = supported.map { "\"\($0)\"" }.joined(separator: ", ")
        return FieldError(.notSupported, path, "Unsupported value: \"\(value)\": supported values: \(list)")
    }

    public var description: String { "\(path): \(message)" }

    public var statusCause: StatusCause {
        StatusCause(reason: kind.rawValue, message: description, field: path)
    }
}

extension [FieldError] {
    /// The 422 Invalid Status Kubernetes returns for these errors.
    public func invalidStatus(kind: String, group: String, name: String) -> Status {
        let summary = map(\.description).joined(separator: ", ")
        return Status(
            message: "\(kind).\(group) \"\(name)\" is invalid: \(summary)", reason: .invalid,
            details: StatusDetails(name: name, group: group, kind: kind, causes: map(\.statusCause)),
            code: 422)
    }
}
