@testable import AgentRunner
import Foundation
import Testing

@Suite("The agent loop")
struct AgentLoopTests {
    @Test("a denied tool is not offered, and a call to it is refused")
    func toolPolicy() async throws {
        let harness = try RunHarness()
        defer { harness.remove() }
        let server = try await FakeHTTPServer.start { _, index in
            index == 0
                ? .json(OpenAIFixtures.completion(toolCalls: [("call_f", "fetch_url", #"{"url":"http://127.0.0.1:1/"}"#)]))
                : .json(OpenAIFixtures.completion(text: "ok"))
        }
        let endpoint = ModelEndpoint(provider: "ollama", model: "llama3", baseURL: server.baseURL, apiKey: nil)
        let policy = ToolPolicy(deny: ["fetch_url", "execute_command"])
        let result = try await harness.run(harness.configuration(models: [endpoint], policy: policy))
        let requests = server.requests
        await server.stop()
        #expect(result.status == "success")
        try #require(requests.count == 2)
        #expect(requests[0].path == "/v1/chat/completions")
        #expect(requests[0].headers["authorization"] == nil)
        #expect(!requests[0].toolNames.contains("fetch_url"))
        #expect(!requests[0].toolNames.contains("execute_command"))
        #expect(requests[0].toolNames.contains("read_file"))
        let refusal = requests[1].messages.first { $0["role"] as? String == "tool" }?["content"] as? String
        #expect(refusal?.contains("not allowed by this run's tool policy") == true)
    }

    @Test("an allow list offers only the listed tools")
    func allowList() {
        let registry = ToolRegistry(policy: ToolPolicy(allow: ["read_file", "write_file"], deny: ["write_file"]))
        #expect(registry.offered.map(\.name) == ["read_file"])
    }

    @Test("the loop stops with an error after MAX_TOOL_ROUNDS rounds")
    func roundLimit() async throws {
        let harness = try RunHarness()
        defer { harness.remove() }
        let server = try await FakeHTTPServer.start { _, index in
            .json(OpenAIFixtures.completion(text: "still looking \(index)", toolCalls: [("call_\(index)", "list_directory", #"{"path":"/tmp"}"#)]))
        }
        let endpoint = ModelEndpoint(provider: "openai", model: "gpt-4o-mini", baseURL: "\(server.baseURL)/v1", apiKey: "k")
        let result = try await harness.run(harness.configuration(models: [endpoint], maxToolRounds: 2))
        let count = server.requests.count
        await server.stop()
        #expect(result.status == "error")
        #expect(result.error?.contains("2 tool rounds") == true)
        #expect(result.metrics.toolCalls == 2)
        #expect(count == 3)
        #expect(result.response == "still looking 2")
    }

    @Test("skills, channel context and memory are in the system prompt; the memory block is printed and stripped")
    func promptAndMemory() async throws {
        let harness = try RunHarness()
        defer { harness.remove() }
        let paths = harness.directories.paths
        try harness.directories.write("Use kubectl carefully.", to: paths.skills.appendingPathComponent("..2024_01_01/k8s-ops/SKILL.md"))
        try FileManager.default.createSymbolicLink(atPath: paths.skills.appendingPathComponent("..data").path, withDestinationPath: "..2024_01_01")
        try FileManager.default.createSymbolicLink(atPath: paths.skills.appendingPathComponent("k8s-ops").path, withDestinationPath: "..data/k8s-ops")
        try harness.directories.write("- the user likes short answers", to: paths.memoryFile)
        let answer = "Short answer.\n\(MemoryBlock.start)\n- the user likes short answers\n- asked about pods\n\(MemoryBlock.end)"
        let server = try await FakeHTTPServer.start { _, _ in .json(OpenAIFixtures.completion(text: answer)) }
        let endpoint = ModelEndpoint(provider: "openai", model: "gpt-4o-mini", baseURL: "\(server.baseURL)/v1", apiKey: "k")
        var configuration = harness.configuration(models: [endpoint], memoryEnabled: true)
        configuration.sourceChannel = "telegram"
        configuration.sourceChatID = "42"
        let result = try await harness.run(configuration)
        let system = server.requests.first?.messages.first?["content"] as? String ?? ""
        await server.stop()

        #expect(system.hasPrefix("You are a test agent."))
        #expect(system.contains("### k8s-ops/SKILL.md\n\nUse kubectl carefully."))
        #expect(system.components(separatedBy: "Use kubectl carefully.").count == 2)
        #expect(system.contains("telegram channel (chat 42)"))
        #expect(system.contains("- the user likes short answers"))
        #expect(result.response == "Short answer.")
        let printed = harness.printed.text
        #expect(printed.contains("\(MemoryBlock.start)\n- the user likes short answers\n- asked about pods\n\(MemoryBlock.end)"))
        #expect(printed.range(of: MemoryBlock.start)?.lowerBound ?? printed.endIndex < printed.range(of: RunOutput.resultStart)?.lowerBound ?? printed.startIndex)
    }

    @Test("the memory placeholder is not shown to the model")
    func memoryPlaceholder() throws {
        let directories = try RunDirectories()
        defer { directories.remove() }
        try directories.write("# Memory\n\nNothing remembered yet.\n", to: directories.paths.memoryFile)
        let prompt = SystemPromptBuilder(basePrompt: "base", paths: directories.paths, memoryEnabled: true).build()
        #expect(prompt.contains("no memories from earlier runs"))
        #expect(!prompt.contains("Nothing remembered yet"))
    }

    @Test("tool results are cut to the budget")
    func toolResultBudget() async throws {
        let directories = try RunDirectories()
        defer { directories.remove() }
        try directories.write(String(repeating: "x", count: 5000), to: directories.paths.workspace.appendingPathComponent("big.txt"))
        let client = TestSupport.httpClient()
        let context = ToolContext(paths: directories.paths, http: client, logger: TestSupport.logger)
        let loop = AgentLoop(
            model: FailoverModel(primary: ScriptedModel(), logger: TestSupport.logger), registry: ToolRegistry(), context: context,
            settings: AgentLoop.Settings(toolResultMaxBytes: 1000))
        let results = await loop.runTools([ToolCall(id: "c", name: "read_file", arguments: #"{"path":"/workspace/big.txt"}"#)])
        try await client.shutdown()
        let text = try #require(results.first?.text)
        #expect(text.hasPrefix(String(repeating: "x", count: 1000) + "\n... (truncated: 5000 bytes"))
    }

    @Test("configuration from the environment, with fallbacks and path overrides")
    func environmentConfiguration() throws {
        let configuration = try RunnerConfiguration(environment: [
            "TASK": "do it", "MODEL_PROVIDER": "Anthropic", "MODEL_NAME": "claude-sonnet-4-5", "ANTHROPIC_API_KEY": "secret-anthropic-key",
            "OPENAI_API_KEY": "o", "THINKING_MODE": "low", "TOOLS_ALLOW": "read_file, write_file", "TOOLS_DENY": "write_file",
            "MAX_TOOL_ROUNDS": "7", "MEMORY_ENABLED": "true", "SYMPOZIUM_IPC_DIR": "/x/ipc", "SOURCE_CHANNEL": "slack",
            "MODEL_FALLBACKS": #"[{"provider":"openai","model":"gpt-4o"},{"provider":"ollama","model":"llama3","baseURL":"http://ollama:11434"}]"#,
        ])
        #expect(configuration.models.map(\.label) == ["anthropic/claude-sonnet-4-5", "openai/gpt-4o", "ollama/llama3"])
        #expect(configuration.models.map(\.apiKey) == ["secret-anthropic-key", "o", "o"])
        #expect(try configuration.models[2].requestURL() == "http://ollama:11434/v1/chat/completions")
        #expect(configuration.thinking == .low)
        #expect(configuration.toolPolicy.permits("read_file"))
        #expect(!configuration.toolPolicy.permits("write_file"))
        #expect(configuration.maxToolRounds == 7)
        #expect(configuration.memoryEnabled)
        #expect(configuration.paths.tools.path == "/x/ipc/tools")
        #expect(configuration.sourceChannel == "slack")
        #expect(!String(describing: configuration.models[0]).contains("secret-anthropic-key"))

        #expect(throws: ConfigurationError.self) { try RunnerConfiguration(environment: ["MODEL_PROVIDER": "openai", "MODEL_NAME": "m"]) }
        #expect(throws: ConfigurationError.self) {
            try RunnerConfiguration(environment: ["TASK": "t", "MODEL_PROVIDER": "vllm", "MODEL_NAME": "m"])
        }
        #expect(throws: ConfigurationError.self) {
            try RunnerConfiguration(environment: ["TASK": "t", "MODEL_PROVIDER": "openai", "MODEL_NAME": "m", "MODEL_FALLBACKS": "{"])
        }
    }

    @Test("a configuration error still prints an error result and exits non-zero")
    func configurationErrorExit() async throws {
        let directories = try RunDirectories()
        defer { directories.remove() }
        let printed = TestSupport.Printed()
        let code = await AgentRunnerCommand.main(arguments: [], environment: directories.environment, standardOutput: printed.sink)
        #expect(code == 2)
        #expect(printed.text.contains(#""status":"error""#))
        #expect(FileManager.default.fileExists(atPath: directories.paths.done.path))
    }
}

/// A model that answers with fixed text, for loop tests without a server.
struct ScriptedModel: ModelProvider {
    var endpoint = ModelEndpoint(provider: "test", model: "scripted", baseURL: "http://127.0.0.1:1")
    func complete(_ request: ModelRequest, events: StreamSink?) async throws -> ModelResponse {
        ModelResponse(text: "scripted", endpoint: endpoint)
    }
}
