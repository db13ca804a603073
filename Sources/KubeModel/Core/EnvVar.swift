/// core/v1 EnvVar.
public struct EnvVar: Codable, Hashable, Sendable {
    public var name: String
    public var value: String?
    public var valueFrom: EnvVarSource?

    public init(name: String, value: String? = nil, valueFrom: EnvVarSource? = nil) {
        self.name = name
        self.value = value
        self.valueFrom = valueFrom
    }
}

/// core/v1 EnvVarSource: where a variable's value comes from (exactly one member).
public struct EnvVarSource: Codable, Hashable, Sendable {
    public var fieldRef: ObjectFieldSelector?
    public var resourceFieldRef: ResourceFieldSelector?
    public var configMapKeyRef: ConfigMapKeySelector?
    public var secretKeyRef: SecretKeySelector?

    public init(
        fieldRef: ObjectFieldSelector? = nil, resourceFieldRef: ResourceFieldSelector? = nil,
        configMapKeyRef: ConfigMapKeySelector? = nil, secretKeyRef: SecretKeySelector? = nil
    ) {
        self.fieldRef = fieldRef
        self.resourceFieldRef = resourceFieldRef
        self.configMapKeyRef = configMapKeyRef
        self.secretKeyRef = secretKeyRef
    }
}

/// core/v1 ObjectFieldSelector: a field of the pod ("metadata.name", "status.podIP").
public struct ObjectFieldSelector: Codable, Hashable, Sendable {
    public var apiVersion: String?
    public var fieldPath: String

    public init(apiVersion: String? = nil, fieldPath: String) {
        self.apiVersion = apiVersion
        self.fieldPath = fieldPath
    }
}

/// core/v1 ResourceFieldSelector: a container's limit or request ("limits.cpu").
public struct ResourceFieldSelector: Codable, Hashable, Sendable {
    public var containerName: String?
    public var resource: String
    public var divisor: Quantity?

    public init(containerName: String? = nil, resource: String, divisor: Quantity? = nil) {
        self.containerName = containerName
        self.resource = resource
        self.divisor = divisor
    }
}

/// core/v1 ConfigMapKeySelector.
public struct ConfigMapKeySelector: Codable, Hashable, Sendable {
    public var name: String?
    public var key: String
    public var optional: Bool?

    public init(name: String? = nil, key: String, optional: Bool? = nil) {
        self.name = name
        self.key = key
        self.optional = optional
    }
}

/// core/v1 SecretKeySelector.
public struct SecretKeySelector: Codable, Hashable, Sendable {
    public var name: String?
    public var key: String
    public var optional: Bool?

    public init(name: String? = nil, key: String, optional: Bool? = nil) {
        self.name = name
        self.key = key
        self.optional = optional
    }
}

/// core/v1 EnvFromSource: every key of a ConfigMap or Secret as variables.
public struct EnvFromSource: Codable, Hashable, Sendable {
    public var prefix: String?
    public var configMapRef: ConfigMapEnvSource?
    public var secretRef: SecretEnvSource?

    public init(prefix: String? = nil, configMapRef: ConfigMapEnvSource? = nil, secretRef: SecretEnvSource? = nil) {
        self.prefix = prefix
        self.configMapRef = configMapRef
        self.secretRef = secretRef
    }
}

/// core/v1 ConfigMapEnvSource.
public struct ConfigMapEnvSource: Codable, Hashable, Sendable {
    public var name: String?
    public var optional: Bool?

    public init(name: String? = nil, optional: Bool? = nil) {
        self.name = name
        self.optional = optional
    }
}

/// core/v1 SecretEnvSource.
public struct SecretEnvSource: Codable, Hashable, Sendable {
    public var name: String?
    public var optional: Bool?

    public init(name: String? = nil, optional: Bool? = nil) {
        self.name = name
        self.optional = optional
    }
}
