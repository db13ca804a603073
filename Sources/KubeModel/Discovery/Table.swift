/// meta.k8s.io/v1 Table: the server-side printing of a list
/// (`Accept: application/json;as=Table;v=v1;g=meta.k8s.io`).
public struct Table: Codable, Hashable, Sendable {
    public static let apiVersion = "meta.k8s.io/v1"
    public static let kind = "Table"

    public var kind: String?
    public var apiVersion: String?
    public var metadata: ListMeta
    @OmitEmpty public var columnDefinitions: [TableColumnDefinition] = []
    @OmitEmpty public var rows: [TableRow] = []

    public init(
        metadata: ListMeta = ListMeta(), columnDefinitions: [TableColumnDefinition] = [], rows: [TableRow] = []
    ) {
        self.kind = Self.kind
        self.apiVersion = Self.apiVersion
        self.metadata = metadata
        self.columnDefinitions = columnDefinitions
        self.rows = rows
    }

    private enum CodingKeys: String, CodingKey { case kind, apiVersion, metadata, columnDefinitions, rows }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        kind = try container.decodeIfPresent(String.self, forKey: .kind)
        apiVersion = try container.decodeIfPresent(String.self, forKey: .apiVersion)
        metadata = try container.decodeIfPresent(ListMeta.self, forKey: .metadata) ?? ListMeta()
        columnDefinitions =
            try container.decodeIfPresent([TableColumnDefinition].self, forKey: .columnDefinitions) ?? []
        rows = try container.decodeIfPresent([TableRow].self, forKey: .rows) ?? []
    }
}

/// meta.k8s.io/v1 TableColumnDefinition.
public struct TableColumnDefinition: Codable, Hashable, Sendable {
    public var name: String
    /// An OpenAPI type: "string", "integer", "number", "boolean".
    public var type: String
    /// An OpenAPI format: "name", "date-time", ...
    public var format: String?
    public var description: String?
    /// 0 for columns shown by default; higher for `-o wide`.
    public var priority: Int32?

    public init(name: String, type: String, format: String? = nil, description: String? = nil, priority: Int32? = nil) {
        self.name = name
        self.type = type
        self.format = format
        self.description = description
        self.priority = priority
    }
}

/// meta.k8s.io/v1 TableRow.
public struct TableRow: Codable, Hashable, Sendable {
    /// One value per column definition.
    @OmitEmpty public var cells: [JSONValue] = []
    @OmitEmpty public var conditions: [TableRowCondition] = []
    /// The object (or its PartialObjectMetadata), as requested by includeObject.
    public var object: JSONValue?

    public init(cells: [JSONValue] = [], conditions: [TableRowCondition] = [], object: JSONValue? = nil) {
        self.cells = cells
        self.conditions = conditions
        self.object = object
    }
}

/// meta.k8s.io/v1 TableRowCondition ("Completed" rows are dimmed by kubectl).
public struct TableRowCondition: Codable, Hashable, Sendable {
    public var type: String
    public var status: ConditionStatus
    public var reason: String?
    public var message: String?

    public init(type: String, status: ConditionStatus, reason: String? = nil, message: String? = nil) {
        self.type = type
        self.status = status
        self.reason = reason
        self.message = message
    }
}
