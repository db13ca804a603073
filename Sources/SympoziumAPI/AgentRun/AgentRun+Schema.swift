import KubeModel

extension AgentRun {
    public static let kindDescription = """
        AgentRun is one agent execution. The controller turns it into a Job whose pod runs the agent \
        with its skills, sidecars and per-run RBAC, and records the result here.
        """

    public static let printerColumns: [CustomResourceColumnDefinition] = [
        CustomResourceColumnDefinition(name: "Instance", type: "string", jsonPath: ".spec.instanceRef"),
        CustomResourceColumnDefinition(name: "Phase", type: "string", jsonPath: ".status.phase"),
        CustomResourceColumnDefinition(name: "Pod", type: "string", jsonPath: ".status.podName"),
        ageColumn,
    ]

    public static let specSchema: JSONSchemaProps = .object(
        "Desired state of the run.",
        properties: [
            "instanceRef": .string("Name of the SympoziumInstance this run belongs to."),
            "agentId": .string("Agent configuration this run uses."),
            "parent": .object(
                "Set on sub-agents: the run that spawned this one.",
                properties: [
                    "runName": .string("Name of the parent AgentRun."),
                    "sessionKey": .string("Session key of the parent."),
                    "spawnDepth": .integer("Nesting level of this sub-agent; 1 for a direct child."),
                ],
                required: ["runName", "sessionKey", "spawnDepth"]),
            "task": .string("What the agent is asked to do."),
            "systemPrompt": .string("System prompt for the agent."),
            "model": modelSchema,
            "skills": .array("Skills mounted into the agent pod under /skills.", of: SkillRef.schema),
            "toolPolicy": .object(
                "Tools this agent may and may not use.",
                properties: [
                    "allow": .array("Tools explicitly allowed.", of: .string("Tool name.")),
                    "deny": .array("Tools explicitly denied.", of: .string("Tool name.")),
                    "requireApproval": .array(
                        "Tools a human must approve before each call (the policy's \"ask\" rules).", of: .string("Tool name.")),
                ]),
            "timeout": .string("Longest the run may take, as a duration such as 10m or 1h30m."),
            "sessionKey": .string("Unique session identifier of this run."),
            "sandbox": sandboxSchema,
            "cleanup": .string(
                "What happens to the pod after the run: delete it, or keep it for debugging.",
                default: CleanupPolicy.delete.rawValue, enum: CleanupPolicy.knownValues.map(\.rawValue)),
        ],
        required: ["agentId", "instanceRef", "model", "sessionKey", "task"])

    static let modelSchema: JSONSchemaProps = .object(
        "The language model this run talks to.",
        properties: [
            "provider": .string("AI provider: openai, anthropic, azure-openai, ollama, or any OpenAI-compatible."),
            "model": .string("Model identifier."),
            "baseURL": .string("Endpoint overriding the provider's default (Azure, Ollama, vLLM, LM Studio...)."),
            "thinking": .string("Extended thinking: off, low, medium or high."),
            "authSecretRef": .string("Secret holding the provider's API key."),
        ],
        required: ["authSecretRef", "model", "provider"])

    static let sandboxSchema: JSONSchemaProps = .object(
        "Sandbox container for this run.",
        properties: [
            "enabled": .boolean("Whether the run gets a sandbox container."),
            "image": .string("Sandbox container image."),
            "resources": .object(
                "Compute resources of the sandbox container.",
                properties: [
                    "limits": .map("Most the container may use.", values: .string("A quantity.")),
                    "requests": .map("What the container is guaranteed.", values: .string("A quantity.")),
                ]),
            "securityContext": .object(
                "Security settings of the sandbox container.",
                properties: [
                    "capabilities": .object(
                        "Linux capabilities.",
                        properties: ["drop": .array("Capabilities to drop.", of: .string("Capability."))]),
                    "readOnlyRootFilesystem": .boolean("Mount the root filesystem read-only."),
                    "runAsNonRoot": .boolean("Refuse to run as root."),
                    "seccompProfile": .object(
                        "Seccomp profile.", properties: ["type": .string("Profile type, e.g. RuntimeDefault.")],
                        required: ["type"]),
                ]),
        ],
        required: ["enabled"])

    public static let statusSchema: JSONSchemaProps = .object(
        "Observed state of the run.",
        properties: [
            "phase": .string("Pending, Running, Succeeded or Failed."),
            "podName": .string("Pod running the agent."),
            "jobName": .string("Job created for this run."),
            "startedAt": .dateTime("When the agent started."),
            "completedAt": .dateTime("When the run finished."),
            "result": .string("The agent's final answer, on success."),
            "error": .string("Why the run failed, on failure."),
            "exitCode": .integer("Exit code of the agent container.", format: "int32"),
            "tokenUsage": .object(
                "Tokens and tool calls used, summed across provider calls.",
                properties: [
                    "inputTokens": .integer("Prompt tokens.", format: "int64"),
                    "outputTokens": .integer("Completion tokens.", format: "int64"),
                    "totalTokens": .integer("Prompt plus completion tokens.", format: "int64"),
                    "toolCalls": .integer("Tool calls made.", format: "int64"),
                    "durationMs": .integer("Wall time of the agent in milliseconds.", format: "int64"),
                ],
                required: ["inputTokens", "outputTokens", "totalTokens"]),
            "conditions": .conditions("Latest observations of the run's state."),
        ])
}
