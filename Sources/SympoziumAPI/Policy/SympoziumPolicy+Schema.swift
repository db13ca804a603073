import KubeModel

extension SympoziumPolicy {
    public static let kindDescription = """
        SympoziumPolicy governs the instances that reference it: whether a sandbox is required, how deep \
        and wide sub-agents may go, which tools are allowed, denied or need approval, which features are \
        on, and how agent pods are isolated on the network.
        """

    public static let printerColumns: [CustomResourceColumnDefinition] = [
        CustomResourceColumnDefinition(name: "Bound", type: "integer", jsonPath: ".status.boundInstances"),
        ageColumn,
    ]

    static let toolActions = ToolAction.knownValues.map(\.rawValue)

    public static let specSchema: JSONSchemaProps = .object(
        "Rules enforced on agent runs of bound instances.",
        properties: [
            "sandboxPolicy": .object(
                "Sandbox requirements.",
                properties: [
                    "required": .boolean("Every run must have a sandbox."),
                    "defaultImage": .string("Sandbox image injected when a run has none."),
                    "maxCPU": .string("Most CPU a sandbox container may have, e.g. \"2\"."),
                    "maxMemory": .string("Most memory a sandbox container may have, e.g. 4Gi."),
                    "allowHostMounts": .boolean("Whether host paths may be mounted.", default: false),
                ],
                required: ["required"]),
            "subagentPolicy": .object(
                "Sub-agent limits.",
                properties: [
                    "maxDepth": .integer("Deepest allowed sub-agent nesting.", default: SubagentPolicy.defaultMaxDepth),
                    "maxConcurrent": .integer(
                        "Most runs of one instance active at once.", default: SubagentPolicy.defaultMaxConcurrent),
                ]),
            "toolGating": .object(
                "Which tools agents may call.",
                properties: [
                    "defaultAction": .string(
                        "Action for tools no rule names: allow, deny or ask.", default: ToolAction.allow.rawValue,
                        enum: toolActions),
                    "rules": .array(
                        "Per-tool rules.",
                        of: .object(
                            "The action for one tool.",
                            properties: [
                                "tool": .string("Tool name, e.g. execute_command."),
                                "action": .string("allow, deny or ask.", enum: toolActions),
                            ],
                            required: ["action", "tool"])),
                ]),
            "featureGates": .map(
                "Features switched on or off: code-execution, sub-agents, browser-automation, file-access...",
                values: JSONSchemaProps(type: "boolean")),
            "networkPolicy": .object(
                "Network isolation of agent pods.",
                properties: [
                    "denyAll": .boolean("Deny all egress except what is allowed below.", default: true),
                    "allowDNS": .boolean("Allow DNS lookups.", default: true),
                    "allowEventBus": .boolean("Allow the IPC bridge to reach the event bus.", default: true),
                    "allowedEgress": .array(
                        "Further destinations agent pods may reach.",
                        of: .object(
                            "One allowed destination.",
                            properties: [
                                "host": .string("Host name or CIDR."),
                                "port": .integer("Port; any port when unset."),
                            ],
                            required: ["host"])),
                ]),
        ])

    public static let statusSchema: JSONSchemaProps = .object(
        "Observed state of the policy.",
        properties: [
            "boundInstances": .integer("Instances that reference this policy."),
            "conditions": .conditions("Latest observations of the policy's state."),
        ])
}
