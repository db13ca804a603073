import KubeModel

extension SympoziumInstance {
    public static let kindDescription = """
        SympoziumInstance is one tenant's gateway: the chat channels it listens on, the defaults its \
        agents run with, the skills they get, the policy that governs them and their persistent memory.
        """

    public static let printerColumns: [CustomResourceColumnDefinition] = [
        CustomResourceColumnDefinition(name: "Phase", type: "string", jsonPath: ".status.phase"),
        CustomResourceColumnDefinition(name: "Active Pods", type: "integer", jsonPath: ".status.activeAgentPods"),
        CustomResourceColumnDefinition(name: "Total Runs", type: "integer", jsonPath: ".status.totalAgentRuns"),
        ageColumn,
    ]

    public static let specSchema: JSONSchemaProps = .object(
        "Desired state of the instance.",
        properties: [
            "channels": .array("Chat platforms this instance connects to; one Deployment each.", of: channelSchema),
            "agents": .object(
                "How this instance's agents run.", properties: ["default": agentConfigSchema],
                required: ["default"]),
            "skills": .array("Skills mounted into every agent of this instance.", of: SkillRef.schema),
            "policyRef": .string("Name of the SympoziumPolicy that governs this instance."),
            "authRefs": .array("Secrets holding AI provider credentials.", of: SecretRef.schema),
            "memory": memorySchema,
        ],
        required: ["agents"])

    static let channelSchema: JSONSchemaProps = .object(
        "A connection to one chat platform.",
        properties: [
            "type": .string("Platform: telegram, slack, discord or whatsapp."),
            "configRef": .object(
                "Secret with the channel's credentials; optional where the platform pairs otherwise.",
                properties: ["secret": .string("Name of the Secret.")], required: ["secret"]),
        ],
        required: ["type"])

    static let agentConfigSchema: JSONSchemaProps = .object(
        "Settings every agent run of this instance starts from.",
        properties: [
            "model": .string("Model identifier, e.g. gpt-4o or claude-sonnet-4-20250514."),
            "baseURL": .string("Endpoint overriding the provider's default, for OpenAI-compatible servers."),
            "thinking": .string("Extended thinking: off, low, medium or high."),
            "sandbox": .object(
                "Optional sandbox sidecar for command execution.",
                properties: [
                    "enabled": .boolean("Whether agents get a sandbox container."),
                    "image": .string("Sandbox container image."),
                    "resources": resourceRequirementsSchema,
                ],
                required: ["enabled"]),
            "subagents": .object(
                "Limits on sub-agents.",
                properties: [
                    "maxDepth": .integer(
                        "Deepest allowed nesting of sub-agents.", default: SubagentsSpec.defaultMaxDepth),
                    "maxConcurrent": .integer(
                        "Most agent runs of this instance active at once.",
                        default: SubagentsSpec.defaultMaxConcurrent),
                    "maxChildrenPerAgent": .integer(
                        "Most sub-agents one agent may spawn.", default: SubagentsSpec.defaultMaxChildrenPerAgent),
                ]),
        ],
        required: ["model"])

    /// core/v1 ResourceRequirements, as the original accepts it.
    static let resourceRequirementsSchema: JSONSchemaProps = .object(
        "Compute resources of the sandbox container.",
        properties: [
            "claims": .listMap(
                "Dynamic resource claims used by the container.",
                of: .object(
                    "One entry of the pod's resourceClaims.",
                    properties: [
                        "name": .string("Name of an entry in pod.spec.resourceClaims."),
                        "request": .string("Request within the claim; empty means all of it."),
                    ],
                    required: ["name"]),
                keys: ["name"]),
            "limits": .map("Most compute resources the container may use.", values: .quantity()),
            "requests": .map("Compute resources the container is guaranteed.", values: .quantity()),
        ])

    static let memorySchema: JSONSchemaProps = .object(
        "Persistent memory: MEMORY.md in the ConfigMap <instance>-memory, mounted at /memory.",
        properties: [
            "enabled": .boolean("Whether memory is kept.", default: true),
            "maxSizeKB": .integer("Cap on MEMORY.md in kilobytes.", default: MemorySpec.defaultMaxSizeKB),
            "systemPrompt": .string("Instructions on using memory, added to every run's system prompt."),
        ],
        required: ["enabled"])

    public static let statusSchema: JSONSchemaProps = .object(
        "Observed state of the instance.",
        properties: [
            "phase": .string("Pending, Running or Error."),
            "channels": .array(
                "Health of each channel.",
                of: .object(
                    "Health of one channel.",
                    properties: [
                        "type": .string("Channel type."),
                        "status": .string("Connected, Disconnected or Error."),
                        "lastHealthCheck": .dateTime("When the channel last reported."),
                        "message": .string("Details about the channel's state."),
                    ],
                    required: ["status", "type"])),
            "activeAgentPods": .integer("Agent pods of this instance running now."),
            "totalAgentRuns": .integer("Agent runs this instance has had.", format: "int64"),
            "conditions": .conditions("Latest observations of the instance's state."),
        ])
}
