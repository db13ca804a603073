/// A Table request that cannot be served.
public struct TablePrintingError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Stable machine-readable code (see the static members).
    public var code: String
    public var message: String

    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }

    /// An `includeObject` value other than None, Metadata or Object (400).
    public static let invalidIncludeObject = "table.invalidIncludeObject"
    /// A printer column JSONPath outside the supported subset.
    public static let invalidJSONPath = "table.invalidJSONPath"
}
