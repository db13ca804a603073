/// Concise constructors for CRD schemas written by hand next to the Swift types.
extension JSONSchemaProps {
    public static func string(
        _ description: String, default: String? = nil, enum values: [String] = [], format: String? = nil,
        pattern: String? = nil, maxLength: Int64? = nil, minLength: Int64? = nil
    ) -> JSONSchemaProps {
        var schema = JSONSchemaProps(type: "string", description: description)
        schema.default = `default`.map(JSONValue.string)
        schema.enum = values.map(JSONValue.string)
        schema.format = format
        schema.pattern = pattern
        schema.maxLength = maxLength
        schema.minLength = minLength
        return schema
    }

    public static func integer(
        _ description: String, default: Int64? = nil, format: String? = nil, minimum: Double? = nil,
        maximum: Double? = nil
    ) -> JSONSchemaProps {
        var schema = JSONSchemaProps(type: "integer", description: description)
        schema.default = `default`.map(JSONValue.integer)
        schema.format = format
        schema.minimum = minimum
        schema.maximum = maximum
        return schema
    }

    public static func boolean(_ description: String, default: Bool? = nil) -> JSONSchemaProps {
        var schema = JSONSchemaProps(type: "boolean", description: description)
        schema.default = `default`.map(JSONValue.bool)
        return schema
    }

    public static func dateTime(_ description: String) -> JSONSchemaProps {
        .string(description, format: "date-time")
    }

    public static func object(
        _ description: String, properties: [String: JSONSchemaProps], required: [String] = []
    ) -> JSONSchemaProps {
        var schema = JSONSchemaProps(type: "object", description: description)
        schema.properties = properties
        schema.required = required.sorted()
        return schema
    }

    /// A map from string keys to values of one schema.
    public static func map(_ description: String, values: JSONSchemaProps) -> JSONSchemaProps {
        var schema = JSONSchemaProps(type: "object", description: description)
        schema.additionalProperties = .schema(values)
        return schema
    }

    public static func array(_ description: String, of items: JSONSchemaProps) -> JSONSchemaProps {
        var schema = JSONSchemaProps(type: "array", description: description)
        schema.items = items
        return schema
    }

    /// A list treated as a map keyed by `keys` (server-side apply merges by key).
    public static func listMap(_ description: String, of items: JSONSchemaProps, keys: [String]) -> JSONSchemaProps {
        var schema = array(description, of: items)
        schema.xListType = "map"
        schema.xListMapKeys = keys
        return schema
    }

    /// resource.Quantity: an integer or a string such as "500m" or "1Gi".
    public static func quantity(_ description: String? = nil) -> JSONSchemaProps {
        var schema = JSONSchemaProps(description: description)
        schema.anyOf = [JSONSchemaProps(type: "integer"), JSONSchemaProps(type: "string")]
        schema.pattern = #"^(\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))))?$"#
        schema.xIntOrString = true
        return schema
    }

    /// Returns a copy with a different description.
    public func described(_ description: String) -> JSONSchemaProps {
        var copy = self
        copy.description = description
        return copy
    }
}

extension JSONSchemaProps {
    /// The schema of metav1.Condition, as Kubernetes publishes it.
    public static let condition: JSONSchemaProps = .object(
        "One aspect of the object's current state.",
        properties: [
            "type": .string(
                "Condition type in CamelCase or foo.example.com/CamelCase.",
                pattern: #"^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])$"#,
                maxLength: 316),
            "status": .string("True, False or Unknown.", enum: ["True", "False", "Unknown"]),
            "observedGeneration": .integer(
                "The metadata.generation this condition was computed from.", format: "int64", minimum: 0),
            "lastTransitionTime": .dateTime("When the status last changed."),
            "reason": .string(
                "Machine-readable CamelCase reason for the last transition.",
                pattern: #"^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$"#, maxLength: 1024, minLength: 1),
            "message": .string("Human-readable details about the transition.", maxLength: 32768),
        ],
        required: ["lastTransitionTime", "message", "reason", "status", "type"])

    /// A `conditions` list keyed by type.
    public static func conditions(_ description: String) -> JSONSchemaProps {
        .listMap(description, of: .condition, keys: ["type"])
    }
}
