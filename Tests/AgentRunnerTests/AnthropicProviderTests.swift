@testable import AgentRunner
import Foundation
import Testing

@Suite("Anthropic Messages and failover")
struct AnthropicProviderTests {
    @Test("tool_use and tool_result over the Messages API")
    func toolUseRoundTrip() async throws {
        let harness = try RunHarness()
        defer { harness.remove() }
        try harness.directories.write("the plan", to: harness.directories.paths.workspace.appendingPathComponent("plan.md"))
        let server = try await FakeHTTPServer.start { _, index in
            index == 0
                ? .json(AnthropicFixtures.message(text: "Let me look.", toolUses: [("toolu_1", "read_file", #"{"path":"/workspace/plan.md"}"#)]))
                : .json(AnthropicFixtures.message(text: "The plan is short."))
        }
        let endpoint = ModelEndpoint(provider: "anthropic", model: "claude-sonnet-4-5", baseURL: server.baseURL, apiKey: "sk-ant")
        let result = try await harness.run(harness.configuration(models: [endpoint]))
        let requests = server.requests
        await server.stop()

        #expect(result.status == "success")
        #expect(result.response == "The plan is short.")
        #expect(result.metrics.toolCalls == 1)
        #expect(result.metrics.inputTokens == 40)
        #expect(result.metrics.outputTokens == 14)
        try #require(requests.count == 2)
        let first = requests[0]
        #expect(first.path == "/v1/messages")
        #expect(first.headers["x-api-key"] == "sk-ant")
        #expect(first.headers["anthropic-version"] == "2023-06-01")
        #expect((first.json?["system"] as? String)?.hasPrefix("You are a test agent.") == true)
        #expect(first.json?["max_tokens"] as? Int == 4096)
        #expect(first.json?["thinking"] == nil)
        let tools = first.json?["tools"] as? [[String: Any]] ?? []
        #expect(tools.contains { $0["name"] as? String == "read_file" && $0["input_schema"] != nil })

        let messages = requests[1].messages
        #expect(messages.map { $0["role"] as? String } == ["user", "assistant", "user"])
        let assistant = messages[1]["content"] as? [[String: Any]] ?? []
        #expect(assistant.map { $0["type"] as? String } == ["text", "tool_use"])
        #expect((assistant[1]["input"] as? [String: Any])?["path"] as? String == "/workspace/plan.md")
        let results = messages[2]["content"] as? [[String: Any]] ?? []
        #expect(results.first?["type"] as? String == "tool_result")
        #expect(results.first?["tool_use_id"] as? String == "toolu_1")
        #expect(results.first?["content"] as? String == "the plan")
    }

    @Test("streaming events with extended thinking sent back with its signature")
    func streamingWithThinking() async throws {
        let harness = try RunHarness()
        defer { harness.remove() }
        let server = try await FakeHTTPServer.start { _, index in
            index == 0
                ? .events(
                    AnthropicFixtures.stream(
                        thinking: "I should list the workspace.", text: ["Listing."], toolUses: [("toolu_9", "list_directory", #"{"path": "/workspace"}"#)]))
                : .events(AnthropicFixtures.stream(text: ["Empty ", "workspace."], input: 50, output: 5))
        }
        let endpoint = ModelEndpoint(provider: "anthropic", model: "claude-sonnet-4-5", baseURL: server.baseURL, apiKey: "sk-ant")
        let result = try await harness.run(harness.configuration(models: [endpoint], streaming: true, thinking: .high))
        let requests = server.requests
        await server.stop()

        #expect(result.status == "success")
        #expect(result.response == "Empty workspace.")
        #expect(result.metrics.inputTokens == 75)
        #expect(result.metrics.outputTokens == 35)
        try #require(requests.count == 2)
        let thinking = requests[0].json?["thinking"] as? [String: Any]
        #expect(thinking?["type"] as? String == "enabled")
        #expect(thinking?["budget_tokens"] as? Int == 24576)
        #expect((requests[0].json?["max_tokens"] as? Int ?? 0) > 24576)
        #expect(requests[0].json?["stream"] as? Bool == true)
        let assistant = requests[1].messages[1]["content"] as? [[String: Any]] ?? []
        #expect(assistant.map { $0["type"] as? String } == ["thinking", "text", "tool_use"])
        #expect(assistant.first?["signature"] as? String == "sig-abc")
        #expect(assistant.first?["thinking"] as? String == "I should list the workspace.")
        #expect(harness.streamed("thinking") == "I should list the workspace.")
        #expect(harness.streamed("text") == "Listing.Empty workspace.")
    }

    @Test("a 500 from the primary fails over to the next provider, which is recorded")
    func failoverOnServerError() async throws {
        let harness = try RunHarness()
        defer { harness.remove() }
        let primary = try await FakeHTTPServer.start { _, _ in
            .json(OpenAIFixtures.error("The server had an error", type: "server_error"), status: 500)
        }
        let fallback = try await FakeHTTPServer.start { _, _ in .json(AnthropicFixtures.message(text: "answered by the fallback")) }
        let models = [
            ModelEndpoint(provider: "openai", model: "gpt-4o", baseURL: "\(primary.baseURL)/v1", apiKey: "k1"),
            ModelEndpoint(provider: "anthropic", model: "claude-haiku-4-5", baseURL: fallback.baseURL, apiKey: "k2"),
        ]
        let result = try await harness.run(harness.configuration(models: models))
        let primaryCount = primary.requests.count
        let fallbackCount = fallback.requests.count
        await primary.stop()
        await fallback.stop()

        #expect(result.status == "success")
        #expect(result.response == "answered by the fallback")
        #expect(result.provider == "anthropic")
        #expect(result.model == "claude-haiku-4-5")
        #expect(primaryCount == TestSupport.quickRetry.maxRetries + 1)
        #expect(fallbackCount == 1)
        #expect(harness.resultFile?.model == "claude-haiku-4-5")
    }

    @Test("a 401 does not fail over: the key is wrong, not the service")
    func noFailoverOnUnauthorized() async throws {
        let harness = try RunHarness()
        defer { harness.remove() }
        let primary = try await FakeHTTPServer.start { _, _ in
            .json(AnthropicFixtures.error("authentication_error", "invalid x-api-key"), status: 401)
        }
        let fallback = try await FakeHTTPServer.start { _, _ in .json(OpenAIFixtures.completion(text: "never")) }
        let models = [
            ModelEndpoint(provider: "anthropic", model: "claude-sonnet-4-5", baseURL: primary.baseURL, apiKey: "bad"),
            ModelEndpoint(provider: "openai", model: "gpt-4o", baseURL: "\(fallback.baseURL)/v1", apiKey: "k"),
        ]
        let result = try await harness.run(harness.configuration(models: models))
        let fallbackCount = fallback.requests.count
        await primary.stop()
        await fallback.stop()
        #expect(result.status == "error")
        #expect(result.error?.contains("invalid x-api-key") == true)
        #expect(result.error?.contains("ANTHROPIC_API_KEY") == true)
        #expect(fallbackCount == 0)
    }

    @Test("an error event mid-stream fails the call with the provider's message; malformed answers are refused clearly")
    func streamErrorsAndMalformedAnswers() async throws {
        let harness = try RunHarness()
        defer { harness.remove() }
        let server = try await FakeHTTPServer.start { request, _ in
            request.path == "/v1/messages"
                ? .events([
                    AnthropicFixtures.stream(text: ["partial"])[0],
                    AnthropicFixtures.event("error", AnthropicFixtures.error("overloaded_error", "Overloaded")),
                ])
                : .json("<html>not json</html>")
        }
        let anthropic = ModelEndpoint(provider: "anthropic", model: "claude-sonnet-4-5", baseURL: server.baseURL, apiKey: "k")
        let streamed = try await harness.run(harness.configuration(models: [anthropic], streaming: true))
        let openai = ModelEndpoint(provider: "openai", model: "gpt-4o", baseURL: "\(server.baseURL)/compat", apiKey: "k")
        let malformed = try await harness.run(harness.configuration(models: [openai]))
        await server.stop()
        #expect(streamed.status == "error")
        #expect(streamed.error?.contains("overloaded_error") == true)
        #expect(streamed.error?.contains("Overloaded") == true)
        #expect(malformed.status == "error")
        #expect(malformed.error?.contains("not a chat completion") == true)
    }
}
