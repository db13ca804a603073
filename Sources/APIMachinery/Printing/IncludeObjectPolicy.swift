/// The `includeObject` Table option: what each row's `object` holds.
public enum IncludeObjectPolicy: String, Hashable, Sendable, CaseIterable {
    /// `object` is null.
    case none = "None"
    /// A `PartialObjectMetadata` carrying the object's metadata (the default).
    case metadata = "Metadata"
    /// The whole object (what kubectl asks for).
    case object = "Object"

    /// From the query parameter; missing or empty means Metadata. Unknown
    /// values fail with the API server's 400 BadRequest message.
    public init(queryValue: String?) throws(TablePrintingError) {
        guard let queryValue, !queryValue.isEmpty else {
            self = .metadata
            return
        }
        guard let policy = IncludeObjectPolicy(rawValue: queryValue) else {
            throw TablePrintingError(
                code: TablePrintingError.invalidIncludeObject,
                message: "Unable to convert to Table as requested: includeObject: Invalid value: "
                    + goQuoted(queryValue) + ": must be 'Metadata', 'Object', 'None', or empty")
        }
        self = policy
    }
}
