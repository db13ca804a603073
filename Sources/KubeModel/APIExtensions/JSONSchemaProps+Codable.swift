extension JSONSchemaProps: Codable {
    private enum Key: String, CodingKey {
        case description, type, format, title, `default`, maximum, exclusiveMaximum, minimum, exclusiveMinimum
        case maxLength, minLength, pattern, maxItems, minItems, uniqueItems, maxProperties, minProperties
        case required, `enum`, properties, allOf, oneOf, anyOf, nullable, example, items, additionalProperties, not
        case xPreserveUnknownFields = "x-kubernetes-preserve-unknown-fields"
        case xEmbeddedResource = "x-kubernetes-embedded-resource"
        case xIntOrString = "x-kubernetes-int-or-string"
        case xListMapKeys = "x-kubernetes-list-map-keys"
        case xListType = "x-kubernetes-list-type"
        case xMapType = "x-kubernetes-map-type"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        self.init()
        description = try c.decodeIfPresent(String.self, forKey: .description)
        type = try c.decodeIfPresent(String.self, forKey: .type)
        format = try c.decodeIfPresent(String.self, forKey: .format)
        title = try c.decodeIfPresent(String.self, forKey: .title)
        if c.contains(.default) { `default` = try c.decode(JSONValue.self, forKey: .default) }
        maximum = try c.decodeIfPresent(Double.self, forKey: .maximum)
        exclusiveMaximum = try c.decodeIfPresent(Bool.self, forKey: .exclusiveMaximum)
        minimum = try c.decodeIfPresent(Double.self, forKey: .minimum)
        exclusiveMinimum = try c.decodeIfPresent(Bool.self, forKey: .exclusiveMinimum)
        maxLength = try c.decodeIfPresent(Int64.self, forKey: .maxLength)
        minLength = try c.decodeIfPresent(Int64.self, forKey: .minLength)
        pattern = try c.decodeIfPresent(String.self, forKey: .pattern)
        maxItems = try c.decodeIfPresent(Int64.self, forKey: .maxItems)
        minItems = try c.decodeIfPresent(Int64.self, forKey: .minItems)
        uniqueItems = try c.decodeIfPresent(Bool.self, forKey: .uniqueItems)
        maxProperties = try c.decodeIfPresent(Int64.self, forKey: .maxProperties)
        minProperties = try c.decodeIfPresent(Int64.self, forKey: .minProperties)
        required = try c.decodeIfPresent([String].self, forKey: .required) ?? []
        `enum` = try c.decodeIfPresent([JSONValue].self, forKey: .enum) ?? []
        properties = try c.decodeIfPresent([String: JSONSchemaProps].self, forKey: .properties) ?? [:]
        allOf = try c.decodeIfPresent([JSONSchemaProps].self, forKey: .allOf) ?? []
        oneOf = try c.decodeIfPresent([JSONSchemaProps].self, forKey: .oneOf) ?? []
        anyOf = try c.decodeIfPresent([JSONSchemaProps].self, forKey: .anyOf) ?? []
        nullable = try c.decodeIfPresent(Bool.self, forKey: .nullable)
        example = try c.decodeIfPresent(JSONValue.self, forKey: .example)
        items = try c.decodeIfPresent(JSONSchemaProps.self, forKey: .items)
        not = try c.decodeIfPresent(JSONSchemaProps.self, forKey: .not)
        if let flag = try? c.decodeIfPresent(Bool.self, forKey: .additionalProperties) {
            additionalProperties = .bool(flag)
        } else if let schema = try c.decodeIfPresent(JSONSchemaProps.self, forKey: .additionalProperties) {
            additionalProperties = .schema(schema)
        }
        xPreserveUnknownFields = try c.decodeIfPresent(Bool.self, forKey: .xPreserveUnknownFields)
        xEmbeddedResource = try c.decodeIfPresent(Bool.self, forKey: .xEmbeddedResource)
        xIntOrString = try c.decodeIfPresent(Bool.self, forKey: .xIntOrString)
        xListMapKeys = try c.decodeIfPresent([String].self, forKey: .xListMapKeys) ?? []
        xListType = try c.decodeIfPresent(String.self, forKey: .xListType)
        xMapType = try c.decodeIfPresent(String.self, forKey: .xMapType)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.encodeIfPresent(description, forKey: .description)
        try c.encodeIfPresent(type, forKey: .type)
        try c.encodeIfPresent(format, forKey: .format)
        try c.encodeIfPresent(title, forKey: .title)
        try c.encodeIfPresent(`default`, forKey: .default)
        try c.encodeIfPresent(maximum.map(Self.number), forKey: .maximum)
        try c.encodeIfPresent(exclusiveMaximum, forKey: .exclusiveMaximum)
        try c.encodeIfPresent(minimum.map(Self.number), forKey: .minimum)
        try c.encodeIfPresent(exclusiveMinimum, forKey: .exclusiveMinimum)
        try c.encodeIfPresent(maxLength, forKey: .maxLength)
        try c.encodeIfPresent(minLength, forKey: .minLength)
        try c.encodeIfPresent(pattern, forKey: .pattern)
        try c.encodeIfPresent(maxItems, forKey: .maxItems)
        try c.encodeIfPresent(minItems, forKey: .minItems)
        try c.encodeIfPresent(uniqueItems, forKey: .uniqueItems)
        try c.encodeIfPresent(maxProperties, forKey: .maxProperties)
        try c.encodeIfPresent(minProperties, forKey: .minProperties)
        if !required.isEmpty { try c.encode(required, forKey: .required) }
        if !`enum`.isEmpty { try c.encode(`enum`, forKey: .enum) }
        if !properties.isEmpty { try c.encode(properties, forKey: .properties) }
        if !allOf.isEmpty { try c.encode(allOf, forKey: .allOf) }
        if !oneOf.isEmpty { try c.encode(oneOf, forKey: .oneOf) }
        if !anyOf.isEmpty { try c.encode(anyOf, forKey: .anyOf) }
        try c.encodeIfPresent(nullable, forKey: .nullable)
        try c.encodeIfPresent(example, forKey: .example)
        try c.encodeIfPresent(items, forKey: .items)
        try c.encodeIfPresent(not, forKey: .not)
        switch additionalProperties {
        case .bool(let flag): try c.encode(flag, forKey: .additionalProperties)
        case .schema(let schema): try c.encode(schema, forKey: .additionalProperties)
        case nil: break
        }
        try c.encodeIfPresent(xPreserveUnknownFields, forKey: .xPreserveUnknownFields)
        try c.encodeIfPresent(xEmbeddedResource, forKey: .xEmbeddedResource)
        try c.encodeIfPresent(xIntOrString, forKey: .xIntOrString)
        if !xListMapKeys.isEmpty { try c.encode(xListMapKeys, forKey: .xListMapKeys) }
        try c.encodeIfPresent(xListType, forKey: .xListType)
        try c.encodeIfPresent(xMapType, forKey: .xMapType)
    }

    /// Whole bounds encode as integers ("minimum: 0", not "0.0").
    private static func number(_ value: Double) -> JSONValue {
        value.rounded() == value && abs(value) < 9e15 ? .integer(Int64(value)) : .number(value)
    }
}
