/// apiextensions.k8s.io/v1 JSONSchemaProps: the OpenAPI v3 subset CRDs use.
public struct JSONSchemaProps: Hashable, Sendable {
    public var description: String?
    public var type: String?
    public var format: String?
    public var title: String?
    public var `default`: JSONValue?
    public var maximum: Double?
    public var exclusiveMaximum: Bool?
    public var minimum: Double?
    public var exclusiveMinimum: Bool?
    public var maxLength: Int64?
    public var minLength: Int64?
    public var pattern: String?
    public var maxItems: Int64?
    public var minItems: Int64?
    public var uniqueItems: Bool?
    public var maxProperties: Int64?
    public var minProperties: Int64?
    public var required: [String] = []
    public var `enum`: [JSONValue] = []
    public var properties: [String: JSONSchemaProps] = [:]
    public var allOf: [JSONSchemaProps] = []
    public var oneOf: [JSONSchemaProps] = []
    public var anyOf: [JSONSchemaProps] = []
    public var nullable: Bool?
    public var example: JSONValue?
    public var xPreserveUnknownFields: Bool?
    public var xEmbeddedResource: Bool?
    public var xIntOrString: Bool?
    public var xListMapKeys: [String] = []
    public var xListType: String?
    public var xMapType: String?
    private var itemsStorage: Indirect<JSONSchemaProps>?
    private var additionalPropertiesStorage: Indirect<SchemaOrBool>?
    private var notStorage: Indirect<JSONSchemaProps>?

    public init(type: String? = nil, description: String? = nil) {
        self.type = type
        self.description = description
    }

    /// Schema of array elements.
    public var items: JSONSchemaProps? {
        get { itemsStorage?.value }
        set { itemsStorage = newValue.map(Indirect.init) }
    }

    /// `additionalProperties`: a schema for map values, or a boolean.
    public var additionalProperties: SchemaOrBool? {
        get { additionalPropertiesStorage?.value }
        set { additionalPropertiesStorage = newValue.map(Indirect.init) }
    }

    public var not: JSONSchemaProps? {
        get { notStorage?.value }
        set { notStorage = newValue.map(Indirect.init) }
    }
}

/// `additionalProperties` may be a schema or a boolean.
public enum SchemaOrBool: Hashable, Sendable {
    case bool(Bool)
    case schema(JSONSchemaProps)

    public var schema: JSONSchemaProps? {
        if case .schema(let schema) = self { schema } else { nil }
    }
}

/// A box that gives recursive value types a fixed size.
public struct Indirect<Value: Hashable & Sendable>: Hashable, Sendable {
    private indirect enum Storage: Hashable, Sendable { case value(Value) }
    private var storage: Storage

    public init(_ value: Value) { storage = .value(value) }

    public var value: Value {
        get { switch storage { case .value(let value): value } }
        set { storage = .value(newValue) }
    }
}
