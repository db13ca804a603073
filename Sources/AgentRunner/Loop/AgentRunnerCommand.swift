import AsyncHTTPClient
import Foundation
import Logging

/// `sympozium-agent-runner`: reads the run from the environment, runs the
/// tool loop, writes the outputs, returns the exit code.
public enum AgentRunnerCommand {
    public static let usage = """
        usage: sympozium-agent-runner [--help]

        Runs one agent task in an agent pod: calls the model, runs its tools, and
        writes the outcome to /ipc/output/result.json, /ipc/done and standard output
        (between __SYMPOZIUM_RESULT__ and __SYMPOZIUM_END__; memory between
        __SYMPOZIUM_MEMORY__ and __SYMPOZIUM_MEMORY_END__). Exit code 0 on success,
        1 when the run failed, 2 when the configuration is unusable.

        Set by the controller:
          TASK, MODEL_PROVIDER (openai | anthropic | azure-openai | ollama | any
          OpenAI-compatible name), MODEL_NAME, MODEL_BASE_URL, THINKING_MODE
          (off|low|medium|high), SYSTEM_PROMPT, MEMORY_ENABLED, TOOLS_ALLOW, TOOLS_DENY,
          AGENT_RUN_ID, AGENT_ID, SESSION_KEY, INSTANCE_NAME, and the API key as
          OPENAI_API_KEY, ANTHROPIC_API_KEY, AZURE_OPENAI_API_KEY or API_KEY.

        Optional:
          MODEL_FALLBACKS         JSON array of fallback models tried in order:
                                  [{"provider","model","baseURL","apiKeyEnv","apiKeyFile"}]
          MAX_TOOL_ROUNDS         tool rounds before the run stops (default 25)
          TOOL_RESULT_MAX_BYTES   tool output sent to the model (default 16000)
          MODEL_STREAMING         stream answers and write stream chunks (default true)
          MODEL_MAX_TOKENS        max tokens per call (default 4096)
          LLM_REQUEST_TIMEOUT     seconds per provider request (default 300)
          LLM_MAX_RETRIES         retries on 429/5xx/connection errors (default 4)
          AZURE_OPENAI_API_VERSION  (default 2024-10-21)
          SOURCE_CHANNEL, SOURCE_CHAT_ID  the channel the task came from
          SPAWN_WAIT_SECONDS      how long spawn_subagent waits (default 600)
          TOOLS_REQUIRE_APPROVAL  tools whose every call waits for a human ("*" = all)
          APPROVAL_TIMEOUT_SECONDS  how long such a call waits before it is denied (default 300)
          SYMPOZIUM_IPC_DIR, SYMPOZIUM_WORKSPACE_DIR, SYMPOZIUM_SKILLS_DIR,
          SYMPOZIUM_MEMORY_DIR, SYMPOZIUM_TMP_DIR
                                  move /ipc, /workspace, /skills, /memory, /tmp
          LOG_LEVEL               trace|debug|info|notice|warning|error (default info)

        The /ipc file protocol is described in docs/ipc-protocol.md.
        """

    /// Runs the command; returns the process exit code.
    public static func main(
        arguments: [String], environment: [String: String], handleSignals: Bool = false,
        standardOutput: @escaping @Sendable (String) -> Void = RunOutput.writeToStandardOutput
    ) async -> Int32 {
        if arguments.contains("--help") || arguments.contains("-h") {
            standardOutput(usage + "\n")
            return 0
        }
        var logger = Logger(label: "sympozium.agent-runner")
        logger.logLevel = LogSetup.level(environment)
        logger[metadataKey: "agent.run"] = "\(environment["AGENT_RUN_ID"] ?? "local")"
        if let instance = environment["INSTANCE_NAME"] { logger[metadataKey: "k8s.name"] = "\(instance)" }
        let configuration: RunnerConfiguration
        do {
            configuration = try RunnerConfiguration(environment: environment)
        } catch {
            logger.error("unusable configuration", metadata: ["error": "\(error)"])
            let output = RunOutput(paths: RunnerPaths(environment: environment), logger: logger, standardOutput: standardOutput)
            output.finish(RunResultDocument(status: "error", error: "configuration: \(error)"), memory: nil)
            return 2
        }
        let client = HTTPClient(
            eventLoopGroup: HTTPClient.defaultEventLoopGroup,
            configuration: HTTPClient.Configuration(redirectConfiguration: .disallow, timeout: .init(connect: .seconds(10))))
        let output = RunOutput(paths: configuration.paths, logger: logger, standardOutput: standardOutput)
        let task = Task { await run(configuration, client: client, output: output, logger: logger) }
        let signals = handleSignals ? SignalCancellation { task.cancel() } : nil
        let result = await withTaskCancellationHandler { await task.value } onCancel: { task.cancel() }
        signals?.stop()
        try? await client.shutdown()
        return result.succeeded ? 0 : 1
    }

    /// One run with a given configuration and HTTP client; writes every output.
    public static func run(_ configuration: RunnerConfiguration, client: HTTPClient, output: RunOutput, logger: Logger) async
        -> RunResultDocument
    {
        let clock = ContinuousClock()
        let started = clock.now
        guard let primary = configuration.models.first else {
            let result = RunResultDocument(status: "error", error: "configuration: no model configured")
            output.finish(result, memory: nil)
            return result
        }
        logger.info(
            "agent run starting",
            metadata: ["model": "\(primary.label)", "fallbacks": "\(configuration.models.count - 1)", "max.tool.rounds": "\(configuration.maxToolRounds)"])
        let model = FailoverModel(
            primary: primary, fallbacks: Array(configuration.models.dropFirst()), client: client, retry: configuration.retry,
            timeout: configuration.requestTimeout, logger: logger)
        let context = ToolContext(
            paths: configuration.paths, http: client, agentID: configuration.agentID, runID: configuration.runID,
            spawnWait: configuration.spawnWait, approvalWait: configuration.approvalWait, logger: logger)
        for directory in [configuration.paths.output, configuration.paths.tools] {
            try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        }
        let loop = AgentLoop(
            model: model, registry: ToolRegistry(policy: configuration.toolPolicy), context: context,
            settings: AgentLoop.Settings(configuration), output: output)
        let system = SystemPromptBuilder(configuration: configuration).build()
        let outcome = await loop.run(system: system, task: configuration.task)

        let elapsed = clock.now - started
        let metrics = RunResultDocument.Metrics(
            durationMs: elapsed.milliseconds, inputTokens: Int64(outcome.usage.input), outputTokens: Int64(outcome.usage.output),
            toolCalls: Int64(outcome.toolCalls))
        let memory = configuration.memoryEnabled ? MemoryBlock.extract(from: outcome.text) : nil
        let response = MemoryBlock.strip(from: outcome.text)
        let answered = outcome.endpoint
        let result: RunResultDocument
        if let error = outcome.error {
            let message = error is CancellationError ? "the run was stopped before it finished (SIGTERM or SIGINT)" : "\(error)"
            logger.error("agent run failed", metadata: ["error": "\(message)", "duration.ms": "\(metrics.durationMs)"])
            result = RunResultDocument(
                status: "error", response: response.isEmpty ? nil : response, error: message, provider: answered?.provider,
                model: answered?.model, metrics: metrics)
        } else {
            logger.info(
                "agent run succeeded",
                metadata: [
                    "model": "\(answered?.label ?? primary.label)", "duration.ms": "\(metrics.durationMs)",
                    "tokens.in": "\(metrics.inputTokens)", "tokens.out": "\(metrics.outputTokens)", "tool.calls": "\(metrics.toolCalls)",
                ])
            result = RunResultDocument(
                status: "success", response: response, provider: answered?.provider, model: answered?.model, metrics: metrics)
        }
        output.finish(result, memory: result.succeeded ? memory : nil)
        return result
    }
}
