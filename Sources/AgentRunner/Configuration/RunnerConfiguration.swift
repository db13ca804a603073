import Foundation

/// Everything one agent run needs, read from the environment the controller
/// sets on the agent container (see docs/ipc-protocol.md).
public struct RunnerConfiguration: Sendable {
    public var runID: String
    public var agentID: String
    public var sessionKey: String
    public var instanceName: String
    public var task: String
    public var systemPrompt: String?
    /// The primary model first, then the fallbacks in order.
    public var models: [ModelEndpoint]
    public var thinking: ThinkingMode
    public var memoryEnabled: Bool
    public var toolPolicy: ToolPolicy
    public var maxToolRounds: Int
    public var toolResultMaxBytes: Int
    public var streaming: Bool
    public var maxTokens: Int
    public var requestTimeout: Duration
    public var retry: RetryPolicy
    public var sourceChannel: String?
    public var sourceChatID: String?
    public var spawnWait: Duration
    /// How long a call that needs approval waits for the answer before it is denied.
    public var approvalWait: Duration
    public var paths: RunnerPaths

    public static let defaultMaxToolRounds = 25
    public static let defaultToolResultMaxBytes = 16_000
    public static let defaultBasePrompt = "You are a helpful AI assistant running as a Sympozium agent."

    public init(
        runID: String = "local", agentID: String = "default", sessionKey: String = "", instanceName: String = "",
        task: String, systemPrompt: String? = nil, models: [ModelEndpoint], thinking: ThinkingMode = .off,
        memoryEnabled: Bool = false, toolPolicy: ToolPolicy = ToolPolicy(), maxToolRounds: Int = Self.defaultMaxToolRounds,
        toolResultMaxBytes: Int = Self.defaultToolResultMaxBytes, streaming: Bool = true, maxTokens: Int = 4096,
        requestTimeout: Duration = .seconds(300), retry: RetryPolicy = RetryPolicy(), sourceChannel: String? = nil,
        sourceChatID: String? = nil, spawnWait: Duration = .seconds(600), approvalWait: Duration = .seconds(300),
        paths: RunnerPaths = RunnerPaths()
    ) {
        self.runID = runID
        self.agentID = agentID
        self.sessionKey = sessionKey
        self.instanceName = instanceName
        self.task = task
        self.systemPrompt = systemPrompt
        self.models = models
        self.thinking = thinking
        self.memoryEnabled = memoryEnabled
        self.toolPolicy = toolPolicy
        self.maxToolRounds = maxToolRounds
        self.toolResultMaxBytes = toolResultMaxBytes
        self.streaming = streaming
        self.maxTokens = maxTokens
        self.requestTimeout = requestTimeout
        self.retry = retry
        self.sourceChannel = sourceChannel
        self.sourceChatID = sourceChatID
        self.spawnWait = spawnWait
        self.approvalWait = approvalWait
        self.paths = paths
    }

    /// Reads the configuration from environment variables.
    public init(environment env: [String: String]) throws {
        func value(_ name: String) -> String? {
            guard let value = env[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
            return value
        }
        func integer(_ name: String, default fallback: Int, range: ClosedRange<Int>) throws -> Int {
            guard let text = value(name) else { return fallback }
            guard let number = Int(text), range.contains(number) else {
                throw ConfigurationError(
                    code: "InvalidNumber", message: "\(name)=\(text) is not a whole number in \(range.lowerBound)...\(range.upperBound)")
            }
            return number
        }
        func flag(_ name: String, default fallback: Bool) -> Bool {
            guard let text = value(name)?.lowercased() else { return fallback }
            return ["1", "true", "yes", "on"].contains(text)
        }

        let paths = RunnerPaths(environment: env)
        var task = env["TASK"] ?? ""
        var systemPrompt = value("SYSTEM_PROMPT")
        if task.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty,
            let data = try? Data(contentsOf: paths.input.appendingPathComponent("task.json")),
            let input = try? JSONDecoder().decode(TaskInput.self, from: data)
        {
            task = input.task ?? ""
            systemPrompt = systemPrompt ?? input.systemPrompt
        }
        guard !task.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw ConfigurationError(code: "MissingTask", message: "TASK is empty and there is no \(paths.input.path)/task.json")
        }
        guard let provider = value("MODEL_PROVIDER") else {
            throw ConfigurationError(code: "MissingProvider", message: "MODEL_PROVIDER is not set")
        }
        guard let model = value("MODEL_NAME") else {
            throw ConfigurationError(code: "MissingModel", message: "MODEL_NAME is not set")
        }
        let apiVersion = value("AZURE_OPENAI_API_VERSION") ?? ModelEndpoint.defaultAzureAPIVersion
        func key(for provider: String) -> String? {
            ModelEndpoint.keyVariables(for: provider).lazy.compactMap { value($0) }.first
        }
        var models = [
            ModelEndpoint(provider: provider, model: model, baseURL: value("MODEL_BASE_URL"), apiKey: key(for: provider), apiVersion: apiVersion)
        ]
        if let fallbacks = value("MODEL_FALLBACKS") {
            let entries: [FallbackEntry]
            do {
                entries = try JSONDecoder().decode([FallbackEntry].self, from: Data(fallbacks.utf8))
            } catch {
                throw ConfigurationError(
                    code: "InvalidFallbacks",
                    message: "MODEL_FALLBACKS is not a JSON array of {provider, model, baseURL?, apiKeyEnv?, apiKeyFile?}: \(error)")
            }
            for entry in entries {
                var apiKey = entry.apiKeyEnv.flatMap { value($0) }
                if apiKey == nil, let file = entry.apiKeyFile {
                    guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
                        throw ConfigurationError(code: "InvalidFallbacks", message: "cannot read the API key file \(file) of fallback \(entry.provider)/\(entry.model)")
                    }
                    apiKey = text.trimmingCharacters(in: .whitespacesAndNewlines)
                }
                if apiKey == nil, entry.apiKeyEnv == nil { apiKey = key(for: entry.provider) }
                models.append(
                    ModelEndpoint(provider: entry.provider, model: entry.model, baseURL: entry.baseURL, apiKey: apiKey, apiVersion: apiVersion))
            }
        }
        for endpoint in models { _ = try endpoint.requestURL() }

        self.init(
            runID: value("AGENT_RUN_ID") ?? "local", agentID: value("AGENT_ID") ?? "default",
            sessionKey: value("SESSION_KEY") ?? "", instanceName: value("INSTANCE_NAME") ?? "", task: task,
            systemPrompt: systemPrompt, models: models, thinking: ThinkingMode(environmentValue: value("THINKING_MODE")),
            memoryEnabled: flag("MEMORY_ENABLED", default: false),
            toolPolicy: ToolPolicy(
                allow: ToolPolicy.names(value("TOOLS_ALLOW")), deny: ToolPolicy.names(value("TOOLS_DENY")),
                requireApproval: ToolPolicy.names(value("TOOLS_REQUIRE_APPROVAL"))),
            maxToolRounds: try integer("MAX_TOOL_ROUNDS", default: Self.defaultMaxToolRounds, range: 0...1000),
            toolResultMaxBytes: try integer("TOOL_RESULT_MAX_BYTES", default: Self.defaultToolResultMaxBytes, range: 256...10_000_000),
            streaming: flag("MODEL_STREAMING", default: true),
            maxTokens: try integer("MODEL_MAX_TOKENS", default: 4096, range: 1...1_000_000),
            requestTimeout: .seconds(try integer("LLM_REQUEST_TIMEOUT", default: 300, range: 1...86_400)),
            retry: RetryPolicy(maxRetries: try integer("LLM_MAX_RETRIES", default: 4, range: 0...20)),
            sourceChannel: value("SOURCE_CHANNEL"), sourceChatID: value("SOURCE_CHAT_ID"),
            spawnWait: .seconds(try integer("SPAWN_WAIT_SECONDS", default: 600, range: 0...86_400)),
            approvalWait: .seconds(try integer("APPROVAL_TIMEOUT_SECONDS", default: 300, range: 1...86_400)), paths: paths)
    }
}

/// `/ipc/input/task.json`.
struct TaskInput: Decodable {
    var task: String?
    var systemPrompt: String?
}
