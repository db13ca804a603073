@testable import AgentRunner
import Foundation
import Testing

@Suite("OpenAI-compatible providers")
struct OpenAIProviderTests {
    @Test("a multi-round conversation with parallel tool calls")
    func multiRoundToolConversation() async throws {
        let harness = try RunHarness()
        defer { harness.remove() }
        try harness.directories.write("hello from notes", to: harness.directories.paths.workspace.appendingPathComponent("notes.txt"))
        let server = try await FakeHTTPServer.start { _, index in
            index == 0
                ? .json(
                    OpenAIFixtures.completion(toolCalls: [
                        ("call_1", "list_directory", #"{"path":"/workspace"}"#), ("call_2", "read_file", #"{"path":"/workspace/notes.txt"}"#),
                    ]))
                : .json(OpenAIFixtures.completion(text: "The notes say hello."))
        }
        let endpoint = ModelEndpoint(provider: "openai", model: "gpt-4o-mini", baseURL: "\(server.baseURL)/v1", apiKey: "sk-test")
        let result = try await harness.run(harness.configuration(models: [endpoint]))
        let requests = server.requests
        await server.stop()

        #expect(result.status == "success")
        #expect(result.response == "The notes say hello.")
        #expect(result.metrics.toolCalls == 2)
        #expect(result.metrics.inputTokens == 20)
        #expect(result.metrics.outputTokens == 10)
        #expect(result.provider == "openai")
        #expect(result.model == "gpt-4o-mini")
        try #require(requests.count == 2)
        #expect(requests[0].path == "/v1/chat/completions")
        #expect(requests[0].headers["authorization"] == "Bearer sk-test")
        #expect(requests[0].json?["model"] as? String == "gpt-4o-mini")
        #expect(requests[0].toolNames.contains("read_file"))
        #expect(requests[0].messages.first?["role"] as? String == "system")
        let second = requests[1].messages
        let assistant = try #require(second.first { $0["role"] as? String == "assistant" })
        #expect((assistant["tool_calls"] as? [[String: Any]])?.count == 2)
        let tools = second.filter { $0["role"] as? String == "tool" }
        #expect(tools.map { $0["tool_call_id"] as? String } == ["call_1", "call_2"])
        #expect((tools[0]["content"] as? String)?.contains("notes.txt") == true)
        #expect(tools[1]["content"] as? String == "hello from notes")
        #expect(harness.resultFile == result)
        #expect(harness.printedResult == result)
        #expect(FileManager.default.fileExists(atPath: harness.directories.paths.done.path))
    }

    @Test("streaming over SSE: tool call deltas, text deltas, usage, stream chunks")
    func streamingConversation() async throws {
        let harness = try RunHarness()
        defer { harness.remove() }
        let server = try await FakeHTTPServer.start { _, index in
            index == 0
                ? .events(OpenAIFixtures.stream(toolCalls: [("call_w", "write_file", #"{"path":"/workspace/out/result.txt","content":"written"}"#)]))
                : .events(OpenAIFixtures.stream(text: ["All ", "done."], input: 30, output: 3))
        }
        let endpoint = ModelEndpoint(provider: "vllm", model: "qwen", baseURL: "\(server.baseURL)/v1", apiKey: "k")
        let result = try await harness.run(harness.configuration(models: [endpoint], streaming: true))
        let requests = server.requests
        await server.stop()

        #expect(result.status == "success")
        #expect(result.response == "All done.")
        #expect(result.metrics.toolCalls == 1)
        #expect(result.metrics.inputTokens == 40)
        #expect(result.metrics.outputTokens == 8)
        let written = harness.directories.read(harness.directories.paths.workspace.appendingPathComponent("out/result.txt"))
        #expect(written == "written")
        #expect(requests.first?.json?["stream"] as? Bool == true)
        #expect((requests.first?.json?["stream_options"] as? [String: Any])?["include_usage"] as? Bool == true)
        let toolMessage = requests.last?.messages.first { $0["role"] as? String == "tool" }
        #expect((toolMessage?["content"] as? String)?.contains("Wrote 7 bytes") == true)
        #expect(harness.streamed("text") == "All done.")
        #expect(harness.streamed("tool_use") == "write_file")
    }

    @Test("Azure OpenAI: deployment URL, api-version and api-key header")
    func azureDeployment() async throws {
        let harness = try RunHarness()
        defer { harness.remove() }
        let server = try await FakeHTTPServer.start { _, _ in .json(OpenAIFixtures.completion(text: "hi from azure")) }
        let endpoint = ModelEndpoint(provider: "azure-openai", model: "my-deploy", baseURL: server.baseURL, apiKey: "azure-key")
        let result = try await harness.run(harness.configuration(models: [endpoint]))
        let request = try #require(server.requests.first)
        await server.stop()
        #expect(result.response == "hi from azure")
        #expect(request.path == "/openai/deployments/my-deploy/chat/completions")
        #expect(request.query == "api-version=\(ModelEndpoint.defaultAzureAPIVersion)")
        #expect(request.headers["api-key"] == "azure-key")
        #expect(request.headers["authorization"] == nil)
    }

    @Test("a 429 is retried after Retry-After, then succeeds")
    func rateLimitedThenSuccess() async throws {
        let harness = try RunHarness()
        defer { harness.remove() }
        let server = try await FakeHTTPServer.start { _, index in
            index == 0
                ? .json(OpenAIFixtures.error("Rate limit reached", type: "requests", code: "\"rate_limit_exceeded\""), status: 429, headers: ["retry-after": "0"])
                : .json(OpenAIFixtures.completion(text: "after the limit"))
        }
        let endpoint = ModelEndpoint(provider: "openai", model: "gpt-4o-mini", baseURL: "\(server.baseURL)/v1", apiKey: "k")
        let result = try await harness.run(harness.configuration(models: [endpoint]))
        let count = server.requests.count
        await server.stop()
        #expect(result.status == "success")
        #expect(result.response == "after the limit")
        #expect(count == 2)
    }

    @Test("a 401 fails at once with a clear error, and the exit code says so")
    func unauthorized() async throws {
        let harness = try RunHarness()
        defer { harness.remove() }
        let server = try await FakeHTTPServer.start { _, _ in
            .json(OpenAIFixtures.error("Incorrect API key provided: sk-bad.", code: "\"invalid_api_key\""), status: 401)
        }
        var environment = harness.directories.environment
        environment["TASK"] = "hello"
        environment["MODEL_PROVIDER"] = "openai"
        environment["MODEL_NAME"] = "gpt-4o-mini"
        environment["MODEL_BASE_URL"] = "\(server.baseURL)/v1"
        environment["OPENAI_API_KEY"] = "sk-bad"
        environment["LLM_MAX_RETRIES"] = "3"
        let code = await AgentRunnerCommand.main(arguments: [], environment: environment, standardOutput: harness.printed.sink)
        let count = server.requests.count
        await server.stop()
        #expect(code == 1)
        #expect(count == 1)
        let result = try #require(harness.printedResult)
        #expect(result.status == "error")
        let message = result.error ?? ""
        #expect(message.contains("HTTP 401"))
        #expect(message.contains("rejected the API key"))
        #expect(message.contains("Incorrect API key provided"))
        #expect(message.contains("OPENAI_API_KEY"))
        #expect(harness.resultFile?.status == "error")
        #expect(FileManager.default.fileExists(atPath: harness.directories.paths.done.path))
    }

    @Test("a 404 names the unknown model")
    func unknownModel() async throws {
        let harness = try RunHarness()
        defer { harness.remove() }
        let server = try await FakeHTTPServer.start { _, _ in
            .json(OpenAIFixtures.error("The model `gpt-9` does not exist", code: "\"model_not_found\""), status: 404)
        }
        let endpoint = ModelEndpoint(provider: "openai", model: "gpt-9", baseURL: "\(server.baseURL)/v1", apiKey: "k")
        let result = try await harness.run(harness.configuration(models: [endpoint]))
        await server.stop()
        #expect(result.status == "error")
        #expect(result.error?.contains("does not know model \"gpt-9\"") == true)
    }

    @Test("a provider that does not answer within the request timeout fails with a timeout error")
    func requestTimeout() async throws {
        let harness = try RunHarness()
        defer { harness.remove() }
        let server = try await FakeHTTPServer.start { _, _ in
            var reply = FakeHTTPServer.Reply.json(OpenAIFixtures.completion(text: "late"))
            reply.delay = .seconds(10)
            return reply
        }
        let endpoint = ModelEndpoint(provider: "openai", model: "gpt-4o-mini", baseURL: "\(server.baseURL)/v1", apiKey: "k")
        var configuration = harness.configuration(models: [endpoint])
        configuration.requestTimeout = .milliseconds(500)
        configuration.retry = RetryPolicy(maxRetries: 1, baseDelay: .milliseconds(10), maxDelay: .milliseconds(10))
        let started = ContinuousClock.now
        let result = try await harness.run(configuration)
        let elapsed = ContinuousClock.now - started
        let count = server.requests.count
        await server.stop()
        #expect(result.status == "error")
        #expect(result.error?.contains("did not answer in time") == true)
        // Two attempts, each given up after the timeout. (On a loaded machine the
        // retry's connection may not reach the server within it, so the server's
        // count is not the measure.)
        #expect(elapsed >= .milliseconds(1000))
        #expect((1...2).contains(count))
    }
}
