import KubeModel

/// A failed server-side apply: a stable `code`, a Kubernetes-worded
/// `message` and, for conflicts, every conflicting field with its manager.
public struct ApplyError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Stable error codes.
    public enum Code: String, Sendable, Hashable {
        /// The applied configuration is not an object: 400.
        case invalidObject = "InvalidObject"
        /// The configuration sets `metadata.managedFields`: 400.
        case managedFieldsInConfig = "ManagedFieldsInConfig"
        /// A map-list element lacks its key fields or repeats a key: 422.
        case invalidListElement = "InvalidListElement"
        /// Fields are owned by other managers with different values: 409.
        case conflict = "Conflict"
    }

    /// Stable machine-readable code.
    public var code: Code
    /// Human-readable explanation, worded like Kubernetes.
    public var message: String
    /// The conflicts, sorted by manager then path; empty unless `code == .conflict`.
    public var conflicts: [ApplyConflict]

    /// Creates an error.
    public init(_ code: Code, _ message: String, conflicts: [ApplyConflict] = []) {
        self.code = code
        self.message = message
        self.conflicts = conflicts
    }

    /// The 409 error for `conflicts`, worded as Kubernetes does:
    /// `Apply failed with 1 conflict: conflict with "kubectl" using v1: .data.key`.
    public static func conflicts(_ conflicts: [ApplyConflict]) -> ApplyError {
        let sorted = conflicts.sorted { lhs, rhs in
            lhs.manager != rhs.manager ? lhs.manager < rhs.manager : lhs.path.lexicographicallyPrecedes(rhs.path)
        }
        if sorted.count == 1, let only = sorted.first {
            return ApplyError(.conflict, "Apply failed with 1 conflict: conflict with \(only.manager): \(only.field)",
                conflicts: sorted)
        }
        var lines: [String] = []
        var currentManager: String?
        for conflict in sorted {
            if conflict.manager != currentManager {
                lines.append("conflicts with \(conflict.manager):")
                currentManager = conflict.manager
            }
            lines.append("- \(conflict.field)")
        }
        return ApplyError(
            .conflict, "Apply failed with \(sorted.count) conflicts: \(lines.joined(separator: "\n"))",
            conflicts: sorted)
    }

    static func missingKey(_ keys: [String], path: [PathElement]) -> ApplyError {
        ApplyError(
            .invalidListElement,
            "\(path.fieldPathDescription): element is missing key field(s) \(keys.joined(separator: ", "))")
    }

    /// The HTTP status code the server answers with.
    public var httpStatus: Int32 {
        switch code {
        case .invalidObject, .managedFieldsInConfig: 400
        case .invalidListElement: 422
        case .conflict: 409
        }
    }

    /// The metav1.Status body Kubernetes sends for this error.
    public var status: Status {
        switch code {
        case .invalidObject, .managedFieldsInConfig:
            return Status(message: message, reason: .badRequest, code: httpStatus)
        case .invalidListElement:
            return Status(message: message, reason: .invalid, code: httpStatus)
        case .conflict:
            let causes = conflicts.map {
                StatusCause(reason: "FieldManagerConflict", message: "conflict with \($0.manager)", field: $0.field)
            }
            return Status(message: message, reason: .conflict, details: StatusDetails(causes: causes), code: httpStatus)
        }
    }

    public var description: String { "\(code.rawValue): \(message)" }
}

/// One field owned by another manager with a different value.
public struct ApplyConflict: Sendable, Hashable, CustomStringConvertible {
    /// The manager as Kubernetes prints it: `"kubectl"`, or
    /// `"kubectl-client-side-apply" using v1` for Update managers.
    public var manager: String
    /// The conflicting field.
    public var path: [PathElement]

    /// Creates a conflict.
    public init(manager: String, path: [PathElement]) {
        self.manager = manager
        self.path = path
    }

    /// The field path as Kubernetes prints it: `.data.key`.
    public var field: String { path.fieldPathDescription }

    public var description: String { "conflict with \(manager): \(field)" }
}
