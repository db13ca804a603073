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
}
