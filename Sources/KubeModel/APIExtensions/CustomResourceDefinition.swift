/// apiextensions.k8s.io/v1 CustomResourceDefinition.
public struct CustomResourceDefinition: HasSpec, HasStatus {
    public static let group = "apiextensions.k8s.io"
    public static let version = "v1"
    public static let kind = "CustomResourceDefinition"
    public static let plural = "customresourcedefinitions"
    public static let scope = ResourceScope.cluster

    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: CustomResourceDefinitionSpec
    public var status: CustomResourceDefinitionStatus?

    public init(
        metadata: ObjectMeta, spec: CustomResourceDefinitionSpec, status: CustomResourceDefinitionStatus? = nil
    ) {
        self.apiVersion = Self.apiVersion
        self.kind = Self.kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }
}

public struct CustomResourceDefinitionSpec: Codable, Hashable, Sendable {
    public var group: String
    public var names: CustomResourceDefinitionNames
    public var scope: ResourceScope
    public var versions: [CustomResourceDefinitionVersion]
    public var preserveUnknownFields: Bool?

    public init(
        group: String, names: CustomResourceDefinitionNames, scope: ResourceScope,
        versions: [CustomResourceDefinitionVersion]
    ) {
        self.group = group
        self.names = names
        self.scope = scope
        self.versions = versions
    }

    /// The version objects are stored in.
    public var storageVersion: CustomResourceDefinitionVersion? {
        versions.first { $0.storage }
    }
}

public struct CustomResourceDefinitionNames: Codable, Hashable, Sendable {
    public var kind: String
    public var listKind: String?
    public var plural: String
    public var singular: String?
    @OmitEmpty public var shortNames: [String] = []
    @OmitEmpty public var categories: [String] = []

    public init(
        kind: String, listKind: String? = nil, plural: String, singular: String? = nil,
        shortNames: [String] = [], categories: [String] = []
    ) {
        self.kind = kind
        self.listKind = listKind
        self.plural = plural
        self.singular = singular
        self.shortNames = shortNames
        self.categories = categories
    }
}

public struct CustomResourceDefinitionVersion: Codable, Hashable, Sendable {
    public var name: String
    public var served: Bool
    public var storage: Bool
    public var deprecated: Bool?
    public var deprecationWarning: String?
    public var schema: CustomResourceValidation?
    public var subresources: CustomResourceSubresources?
    @OmitEmpty public var additionalPrinterColumns: [CustomResourceColumnDefinition] = []

    public init(
        name: String, served: Bool = true, storage: Bool = true, schema: CustomResourceValidation? = nil,
        subresources: CustomResourceSubresources? = nil,
        additionalPrinterColumns: [CustomResourceColumnDefinition] = []
    ) {
        self.name = name
        self.served = served
        self.storage = storage
        self.schema = schema
        self.subresources = subresources
        self.additionalPrinterColumns = additionalPrinterColumns
    }
}

public struct CustomResourceValidation: Codable, Hashable, Sendable {
    public var openAPIV3Schema: JSONSchemaProps?

    public init(openAPIV3Schema: JSONSchemaProps?) {
        self.openAPIV3Schema = openAPIV3Schema
    }
}

public struct CustomResourceSubresources: Codable, Hashable, Sendable {
    /// Present (as `{}`) when the status subresource is enabled.
    public var status: JSONValue?
    public var scale: CustomResourceSubresourceScale?

    public init(status: Bool = true, scale: CustomResourceSubresourceScale? = nil) {
        self.status = status ? .object([:]) : nil
        self.scale = scale
    }

    public var hasStatus: Bool { status != nil }
}

public struct CustomResourceSubresourceScale: Codable, Hashable, Sendable {
    public var specReplicasPath: String
    public var statusReplicasPath: String
    public var labelSelectorPath: String?
}

public struct CustomResourceColumnDefinition: Codable, Hashable, Sendable {
    public var name: String
    public var type: String
    public var format: String?
    public var description: String?
    public var priority: Int32?
    public var jsonPath: String

    public init(
        name: String, type: String, jsonPath: String, format: String? = nil, description: String? = nil,
        priority: Int32? = nil
    ) {
        self.name = name
        self.type = type
        self.jsonPath = jsonPath
        self.format = format
        self.description = description
        self.priority = priority
    }
}

public struct CustomResourceDefinitionStatus: Codable, Hashable, Sendable {
    @OmitEmpty public var conditions: [CustomResourceDefinitionCondition] = []
    public var acceptedNames: CustomResourceDefinitionNames?
    @OmitEmpty public var storedVersions: [String] = []

    public init(
        conditions: [CustomResourceDefinitionCondition] = [], acceptedNames: CustomResourceDefinitionNames? = nil,
        storedVersions: [String] = []
    ) {
        self.conditions = conditions
        self.acceptedNames = acceptedNames
        self.storedVersions = storedVersions
    }
}

public struct CustomResourceDefinitionCondition: Codable, Hashable, Sendable {
    public var type: String
    public var status: ConditionStatus
    public var lastTransitionTime: Time?
    public var reason: String?
    public var message: String?

    public init(
        type: String, status: ConditionStatus, lastTransitionTime: Time? = nil, reason: String? = nil,
        message: String? = nil
    ) {
        self.type = type
        self.status = status
        self.lastTransitionTime = lastTransitionTime
        self.reason = reason
        self.message = message
    }
}
