import KubeModel

/// One `metadata.managedFields` entry: the fields a manager owns.
public struct ManagedFieldsEntry: Sendable, Hashable {
    /// The operation that recorded the entry.
    public struct Operation: OpenEnum {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }

        /// Server-side apply.
        public static let apply: Operation = "Apply"
        /// Create, update or patch.
        public static let update: Operation = "Update"

        public static let knownValues: [Operation] = [.apply, .update]
    }

    /// The field manager name (`kubectl`, `kube-controller-manager`, ...).
    public var manager: String
    /// Apply or Update.
    public var operation: Operation
    /// The apiVersion the fields were recorded in.
    public var apiVersion: String
    /// RFC 3339 time of the last change to the entry.
    public var time: String?
    /// The subresource the entry was recorded through (`"status"`), if any.
    public var subresource: String?
    /// The owned fields.
    public var fields: FieldSet

    /// Creates an entry.
    public init(
        manager: String, operation: Operation, apiVersion: String, time: String?, subresource: String? = nil,
        fields: FieldSet
    ) {
        self.manager = manager
        self.operation = operation
        self.apiVersion = apiVersion
        self.time = time
        self.subresource = subresource
        self.fields = fields
    }

    /// Decodes an entry; `nil` when `json` is not one.
    public init?(json: JSONValue) {
        guard let manager = json["manager"]?.stringValue, let operation = json["operation"]?.stringValue else {
            return nil
        }
        self.manager = manager
        self.operation = Operation(rawValue: operation)
        self.apiVersion = json["apiVersion"]?.stringValue ?? ""
        self.time = json["time"]?.stringValue
        self.subresource = json["subresource"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
        self.fields = json["fieldsV1"].map(FieldSet.init(fieldsV1:)) ?? FieldSet()
    }

    /// The entry as stored in `metadata.managedFields`.
    public var json: JSONValue {
        var members: [String: JSONValue] = [
            "manager": .string(manager),
            "operation": .string(operation.rawValue),
            "apiVersion": .string(apiVersion),
            "fieldsType": "FieldsV1",
            "fieldsV1": fields.fieldsV1,
        ]
        if let time { members["time"] = .string(time) }
        if let subresource { members["subresource"] = .string(subresource) }
        return .object(members)
    }

    /// Whether both entries belong to the same manager identity: manager,
    /// operation and subresource, plus apiVersion for Update entries.
    public func hasSameIdentity(as other: ManagedFieldsEntry) -> Bool {
        manager == other.manager && operation == other.operation && subresource == other.subresource
            && (operation == .apply || apiVersion == other.apiVersion)
    }

    /// The manager as Kubernetes names it in conflicts:
    /// `"kubectl"`, `"kube-controller-manager" using apps/v1`.
    public var conflictName: String {
        var name = PathElement.json(.string(manager))
        if let subresource {
            name += " with subresource \(PathElement.json(.string(subresource)))"
        }
        if operation != .apply {
            name += " using \(apiVersion)"
        }
        return name
    }

    /// Kubernetes' storage order: operation, time, manager, apiVersion, subresource.
    static func storageOrder(_ lhs: ManagedFieldsEntry, _ rhs: ManagedFieldsEntry) -> Bool {
        let left = [lhs.operation.rawValue, lhs.time ?? "", lhs.manager, lhs.apiVersion, lhs.subresource ?? ""]
        let right = [rhs.operation.rawValue, rhs.time ?? "", rhs.manager, rhs.apiVersion, rhs.subresource ?? ""]
        return left.lexicographicallyPrecedes(right)
    }
}
