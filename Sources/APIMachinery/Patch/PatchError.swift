import KubeModel

/// A patch that could not be decoded or applied.
///
/// `code` is stable and machine-readable; `kind` decides the HTTP answer:
/// Kubernetes returns 400 for a malformed patch document, 422 for a patch
/// that is well formed but does not apply to the object (a failed JSON patch
/// `test`, a missing path) and 415 for strategic merge on custom resources.
public struct PatchError: Error, Sendable, Hashable, CustomStringConvertible {
    /// How the API server should answer.
    public enum Kind: String, Sendable, Hashable {
        /// The patch document is malformed: 400 Bad Request.
        case malformed
        /// The patch is well formed but cannot be applied: 422 Unprocessable Entity.
        case unprocessable
        /// The patch type is not supported for the resource: 415 Unsupported Media Type.
        case unsupportedMediaType
    }

    /// Stable error codes.
    public enum Code: String, Sendable, Hashable {
        /// The document has the wrong shape (not an array/object, bad operation).
        case invalidDocument = "InvalidDocument"
        /// A JSON Pointer is syntactically invalid.
        case invalidPointer = "InvalidPointer"
        /// A path does not exist in the target.
        case pathNotFound = "PathNotFound"
        /// An array index is not a number, or is out of range.
        case invalidIndex = "InvalidIndex"
        /// A JSON patch `test` operation did not match.
        case testFailed = "TestFailed"
        /// A `move` whose `from` is a proper prefix of its `path`.
        case invalidMove = "InvalidMove"
        /// A strategic merge directive (`$patch`, `$retainKeys`, ...) is invalid.
        case invalidDirective = "InvalidDirective"
        /// A list element lacks the merge key its list is merged by.
        case missingMergeKey = "MissingMergeKey"
        /// List elements have types that cannot be merged (e.g. lists of lists).
        case invalidListElement = "InvalidListElement"
        /// The patch type cannot be used on this resource.
        case unsupportedPatchType = "UnsupportedPatchType"
    }

    /// Decides the HTTP status.
    public var kind: Kind
    /// Stable machine-readable code.
    public var code: Code
    /// Human-readable explanation, worded like Kubernetes where it has one.
    public var message: String

    /// Creates an error.
    public init(_ kind: Kind, _ code: Code, _ message: String) {
        self.kind = kind
        self.code = code
        self.message = message
    }

    /// The 415 answer, in Kubernetes' words, to a strategic merge patch on a
    /// kind without a schema (custom resources).
    public static let strategicMergeUnsupported = PatchError(
        .unsupportedMediaType, .unsupportedPatchType,
        "the body of the request was in an unknown format - accepted media types include: "
            + "application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml")

    /// The HTTP status code the server answers with.
    public var httpStatus: Int32 {
        switch kind {
        case .malformed: 400
        case .unprocessable: 422
        case .unsupportedMediaType: 415
        }
    }

    /// The metav1.Status body Kubernetes sends for this error.
    public var status: Status {
        switch kind {
        case .malformed:
            return Status(message: message, reason: .badRequest, code: httpStatus)
        case .unprocessable:
            let cause = StatusCause(reason: "UnexpectedServerResponse", message: message)
            return Status(
                message: "the server rejected our request due to an error in our request", reason: .invalid,
                details: StatusDetails(causes: [cause]), code: httpStatus)
        case .unsupportedMediaType:
            return Status(message: message, reason: .unsupportedMediaType, code: httpStatus)
        }
    }

    public var description: String { "\(code.rawValue): \(message)" }
}
