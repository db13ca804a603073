@testable import AgentRunner
import Foundation
import Testing

@Suite("sympozium-agent-runner as a process")
struct AgentRunnerProcessTests {
    @Test("SIGTERM during a provider call still writes an error result and exits non-zero")
    func sigterm() async throws {
        guard let binary = ChildProcess.agentRunner else { return }
        let directories = try RunDirectories()
        defer { directories.remove() }
        let server = try await FakeHTTPServer.start { _, _ in
            var reply = FakeHTTPServer.Reply.json(OpenAIFixtures.completion(text: "too late"))
            reply.delay = .seconds(30)
            return reply
        }
        let stdout = Pipe()
        let runner = try ChildProcess(
            binary: binary, directories: directories,
            extraEnvironment: [
                "TASK": "wait", "MODEL_PROVIDER": "openai", "MODEL_NAME": "gpt-4o-mini", "MODEL_BASE_URL": "\(server.baseURL)/v1",
                "OPENAI_API_KEY": "k", "MODEL_STREAMING": "false",
            ], captureOutput: stdout)
        defer { runner.stop() }
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(20)
        while server.requests.isEmpty, clock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
        try #require(!server.requests.isEmpty)
        kill(runner.process.processIdentifier, SIGTERM)
        let status = await runner.waitForExit()
        await server.stop()
        #expect(status == 1)
        let printed = String(decoding: stdout.fileHandleForReading.availableData, as: UTF8.self)
        #expect(printed.contains(RunOutput.resultStart))
        #expect(printed.contains("stopped before it finished"))
        #expect(FileManager.default.fileExists(atPath: directories.paths.done.path))
    }

    @Test("the runner binary and the tool executor binary: execute_command end to end, then both exit")
    func endToEnd() async throws {
        guard let runnerBinary = ChildProcess.agentRunner, let executorBinary = ChildProcess.toolExecutor else { return }
        let directories = try RunDirectories()
        defer { directories.remove() }
        let server = try await FakeHTTPServer.start { _, index in
            index == 0
                ? .events(OpenAIFixtures.stream(toolCalls: [("call_x", "execute_command", #"{"command":"echo from-sidecar","timeout":5}"#)]))
                : .events(OpenAIFixtures.stream(text: ["ran it"]))
        }
        let executor = try ChildProcess(binary: executorBinary, directories: directories)
        defer { executor.stop() }
        let stdout = Pipe()
        let runner = try ChildProcess(
            binary: runnerBinary, directories: directories,
            extraEnvironment: [
                "TASK": "run a command", "MODEL_PROVIDER": "openai", "MODEL_NAME": "gpt-4o-mini", "MODEL_BASE_URL": "\(server.baseURL)/v1",
                "OPENAI_API_KEY": "k",
            ], captureOutput: stdout)
        defer { runner.stop() }
        let runnerStatus = await runner.waitForExit(timeout: .seconds(30))
        let executorStatus = await executor.waitForExit()
        let requests = server.requests
        await server.stop()
        #expect(runnerStatus == 0)
        #expect(executorStatus == 0)
        let toolMessage = requests.last?.messages.first { $0["role"] as? String == "tool" }
        #expect(toolMessage?["content"] as? String == "from-sidecar\n")
        let printed = String(decoding: stdout.fileHandleForReading.availableData, as: UTF8.self)
        #expect(printed.contains(#""response":"ran it""#))
        #expect(printed.contains(#""toolCalls":1"#))
    }
}
