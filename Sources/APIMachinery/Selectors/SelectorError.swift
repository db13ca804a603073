/// A label or field selector that could not be parsed or is not supported.
///
/// `message` carries Kubernetes' wording; the API server returns it in a 400
/// BadRequest `Status`.
public struct SelectorError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Stable machine-readable code (see the static members).
    public var code: String
    public var message: String

    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }

    /// A label selector string with bad syntax or an invalid requirement.
    public static let invalidLabelSelector = "selector.invalidLabelSelector"
    /// A `LabelSelector` object with an unknown operator or invalid values.
    public static let invalidLabelSelectorObject = "selector.invalidLabelSelectorObject"
    /// A field selector string with bad syntax.
    public static let invalidFieldSelector = "selector.invalidFieldSelector"
    /// A field selector naming a field the kind does not index.
    public static let fieldLabelNotSupported = "selector.fieldLabelNotSupported"
}
