import KubeModel

extension SkillPack {
    public static let kindDescription = """
        SkillPack bundles Markdown skills into a ConfigMap mounted under /skills in agent pods. A pack may \
        declare a sidecar with tools such as kubectl; the controller injects it and grants it RBAC that \
        lives exactly as long as the run.
        """

    public static let printerColumns: [CustomResourceColumnDefinition] = [
        CustomResourceColumnDefinition(name: "Skills", type: "integer", jsonPath: ".status.skillCount"),
        CustomResourceColumnDefinition(name: "ConfigMap", type: "string", jsonPath: ".status.configMapName"),
        ageColumn,
    ]

    static let rbacRuleSchema: JSONSchemaProps = .object(
        "One RBAC policy rule.",
        properties: [
            "apiGroups": .array("API groups, e.g. \"\", apps, batch.", of: .string("API group.")),
            "resources": .array("Resources, e.g. pods, deployments, pods/log.", of: .string("Resource.")),
            "verbs": .array("Verbs, e.g. get, list, watch.", of: .string("Verb.")),
        ],
        required: ["apiGroups", "resources", "verbs"])

    public static let specSchema: JSONSchemaProps = .object(
        "The pack's skills and optional sidecar.",
        properties: [
            "skills": .array(
                "Skills in this pack.",
                of: .object(
                    "One Markdown skill.",
                    properties: [
                        "name": .string("Skill name; the file is <name>.md."),
                        "description": .string("What the skill is for."),
                        "content": .string("Markdown instructions."),
                        "requires": .object(
                            "What the skill needs at run time.",
                            properties: [
                                "bins": .array("Binaries the skill calls.", of: .string("Binary name.")),
                                "tools": .array("Agent tools the skill uses.", of: .string("Tool name.")),
                            ]),
                    ],
                    required: ["content", "name"])),
            "category": .string("Category, e.g. kubernetes, security, devops."),
            "source": .string("Where the pack came from."),
            "version": .string("Version of the pack."),
            "runtimeRequirements": .object(
                "Container requirements of the pack.",
                properties: [
                    "image": .string("Image that satisfies the requirements."),
                    "minMemory": .string("Least memory needed, e.g. 256Mi."),
                    "minCPU": .string("Least CPU needed, e.g. 100m."),
                    "sandbox": .boolean("Whether the pack needs a sandbox."),
                ]),
            "sidecar": .object(
                "Container injected into agent pods while the pack is active.",
                properties: [
                    "image": .string("Sidecar image."),
                    "command": .array("Entrypoint; defaults to keeping the container alive.", of: .string("Argument.")),
                    "env": .array(
                        "Environment variables.",
                        of: .object(
                            "A name and a value.", properties: ["name": .string("Name."), "value": .string("Value.")],
                            required: ["name", "value"])),
                    "mountWorkspace": .boolean("Mount /workspace into the sidecar.", default: true),
                    "resources": .object(
                        "Resource requests of the sidecar.",
                        properties: [
                            "cpu": .string("CPU request, e.g. 100m."), "memory": .string("Memory request, e.g. 128Mi."),
                        ]),
                    "rbac": .array("Rules granted in the run's namespace for the run's lifetime.", of: rbacRuleSchema),
                    "clusterRBAC": .array("Rules granted cluster-wide for the run's lifetime.", of: rbacRuleSchema),
                ],
                required: ["image"]),
        ],
        required: ["skills"])

    public static let statusSchema: JSONSchemaProps = .object(
        "Observed state of the pack.",
        properties: [
            "phase": .string("Pending, Ready or Error."),
            "configMapName": .string("ConfigMap holding the skill files."),
            "skillCount": .integer("Skills in the pack."),
            "conditions": .conditions("Latest observations of the pack's state."),
        ])
}
