import KubeModel

/// Names a SkillPack, or a ConfigMap that already holds skill files.
public struct SkillRef: Codable, Hashable, Sendable {
    public var skillPackRef: String?
    public var configMapRef: String?

    public init(skillPackRef: String? = nil, configMapRef: String? = nil) {
        self.skillPackRef = skillPackRef
        self.configMapRef = configMapRef
    }

    static let schema: JSONSchemaProps = .object(
        "A SkillPack or a ConfigMap whose files are mounted under /skills.",
        properties: [
            "skillPackRef": .string("Name of a SkillPack in the run's namespace or in sympozium-system."),
            "configMapRef": .string("Name of a ConfigMap in the run's namespace whose keys are skill files."),
        ])

    func validate(at path: String) -> [FieldError] {
        switch (skillPackRef, configMapRef) {
        case (nil, nil):
            return [.required(path, "Required value: set skillPackRef or configMapRef")]
        case (.some, .some):
            return [.invalid(path, "Invalid value: set only one of skillPackRef and configMapRef")]
        case (.some(let name), nil):
            return Names.validateDNSSubdomain(name, at: "\(path).skillPackRef")
        case (nil, .some(let name)):
            return Names.validateDNSSubdomain(name, at: "\(path).configMapRef")
        }
    }
}

/// A Secret that holds credentials for one AI provider.
public struct SecretRef: Codable, Hashable, Sendable {
    /// Provider the secret is for ("openai", "anthropic", "azure-openai", "ollama", ...).
    public var provider: String?
    public var secret: String

    public init(provider: String? = nil, secret: String) {
        self.provider = provider
        self.secret = secret
    }

    static let schema: JSONSchemaProps = .object(
        "A Secret holding the API key of one AI provider.",
        properties: [
            "provider": .string("Provider the secret is for: openai, anthropic, azure-openai, ollama, ..."),
            "secret": .string("Name of the Secret in the instance's namespace."),
        ],
        required: ["secret"])
}
