@testable import AgentRunner
import Foundation
import Testing

/// One of our executables as a real child process over a temporary pod layout.
final class ChildProcess: @unchecked Sendable {
    let process = Process()

    static var toolExecutor: String? { TestSupport.builtBinary("sympozium-tool-executor") }
    static var agentRunner: String? { TestSupport.builtBinary("sympozium-agent-runner") }

    init(binary: String, directories: RunDirectories, extraEnvironment: [String: String] = [:], captureOutput: Pipe? = nil) throws {
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = []
        var environment = ProcessInfo.processInfo.environment.merging(directories.environment) { _, new in new }
        environment["LOG_LEVEL"] = "error"
        for (name, value) in extraEnvironment { environment[name] = value }
        process.environment = environment
        process.standardOutput = captureOutput ?? FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
    }

    /// Waits (bounded) for the process to exit; kills it when it does not.
    func waitForExit(timeout: Duration = .seconds(10)) async -> Int32? {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while process.isRunning, clock.now < deadline { try? await Task.sleep(for: .milliseconds(20)) }
        guard !process.isRunning else {
            process.terminate()
            return nil
        }
        return process.terminationStatus
    }

    func stop() {
        if process.isRunning { process.terminate() }
    }
}

@Suite("execute_command through the real tool executor", .serialized)
struct ChildProcessTests {
    @Test("a command round trip, a timeout, a working directory, stdin, and exit on /ipc/done")
    func roundTrip() async throws {
        guard let binary = ChildProcess.toolExecutor else { return }
        let directories = try RunDirectories()
        defer { directories.remove() }
        let executor = try ChildProcess(binary: binary, directories: directories)
        defer { executor.stop() }
        let client = TestSupport.httpClient()
        let context = ToolContext(paths: directories.paths, http: client, logger: TestSupport.logger)
        try FileManager.default.createDirectory(at: directories.paths.workspace.appendingPathComponent("sub"), withIntermediateDirectories: true)

        let hello = await ExecuteCommandTool().run(
            arguments: #"{"command":"pwd; echo hello; echo oops >&2; tr a-z A-Z","workdir":"/workspace/sub","stdin":"quiet"}"#, context: context)
        #expect(!hello.isError)
        #expect(hello.text == "\(directories.paths.workspace.path)/sub\nhello\nQUIET\nSTDERR: oops\n")

        let failing = await ExecuteCommandTool().run(arguments: #"{"command":"exit 3"}"#, context: context)
        #expect(failing.isError)
        #expect(failing.text == "(exit code: 3)")

        let slow = await ExecuteCommandTool().run(arguments: #"{"command":"echo started; sleep 30","timeout":1}"#, context: context)
        #expect(slow.isError)
        #expect(slow.text.contains("started"))
        #expect(slow.text.contains("(command timed out)"))
        #expect(slow.text.contains("(exit code: 124)"))

        // The runner removed its requests, results and claims.
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directories.paths.tools.path)
        #expect(leftovers.isEmpty, "\(leftovers)")

        try AtomicFile.write(Data("done\n".utf8), to: directories.paths.done)
        let status = await executor.waitForExit()
        #expect(status == 0)
        try await client.shutdown()
    }

    @Test("output is cut at 50 KB per stream and a request for another skill pack is left alone")
    func truncationAndTargets() async throws {
        guard let binary = ChildProcess.toolExecutor else { return }
        let directories = try RunDirectories()
        defer { directories.remove() }
        let executor = try ChildProcess(binary: binary, directories: directories, extraEnvironment: ["SYMPOZIUM_SKILL_PACK": "k8s-ops"])
        defer { executor.stop() }

        let big = try await ExecuteCommandTool.execute(
            ExecRequest(id: IPCIdentifier.make(), command: "head -c 200000 /dev/zero | tr '\\0' x", timeout: 10, target: "K8s-Ops"),
            tools: directories.paths.tools)
        #expect(big.stdout.utf8.count == CommandRunner.maxOutputBytes + "...(truncated)".utf8.count)
        #expect(big.stdout.hasSuffix("x...(truncated)"))

        let id = IPCIdentifier.make()
        try AtomicFile.write(
            json: ExecRequest(id: id, command: "echo no", target: "github-gitops"),
            to: directories.paths.tools.appendingPathComponent(ExecFiles.request(id)))
        try await Task.sleep(for: .milliseconds(600))
        #expect(!FileManager.default.fileExists(atPath: directories.paths.tools.appendingPathComponent(ExecFiles.claim(id)).path))
        #expect(!FileManager.default.fileExists(atPath: directories.paths.tools.appendingPathComponent(ExecFiles.result(id)).path))

        try AtomicFile.write(Data("done\n".utf8), to: directories.paths.done)
        #expect(await executor.waitForExit() == 0)
    }

    @Test("two executors: each request is claimed and run exactly once")
    func singleClaim() async throws {
        guard let binary = ChildProcess.toolExecutor else { return }
        let directories = try RunDirectories()
        defer { directories.remove() }
        let first = try ChildProcess(binary: binary, directories: directories)
        let second = try ChildProcess(binary: binary, directories: directories)
        defer {
            first.stop()
            second.stop()
        }
        let counter = directories.paths.workspace.appendingPathComponent("count")
        try await withThrowingTaskGroup(of: ExecResult.self) { group in
            for _ in 0..<6 {
                group.addTask {
                    try await ExecuteCommandTool.execute(
                        ExecRequest(id: IPCIdentifier.make(), command: "echo x >> \(counter.path)", timeout: 5), tools: directories.paths.tools)
                }
            }
            for try await result in group { #expect(result.exitCode == 0) }
        }
        #expect(directories.read(counter) == String(repeating: "x\n", count: 6))
        try AtomicFile.write(Data("done\n".utf8), to: directories.paths.done)
        #expect(await first.waitForExit() == 0)
        #expect(await second.waitForExit() == 0)
    }

    @Test("--help prints the usage")
    func help() async throws {
        let printed = TestSupport.Printed()
        #expect(await ToolExecutorCommand.main(arguments: ["--help"], environment: [:], standardOutput: printed.sink) == 0)
        #expect(printed.text.contains("usage: sympozium-tool-executor"))
        let runner = TestSupport.Printed()
        #expect(await AgentRunnerCommand.main(arguments: ["--help"], environment: [:], standardOutput: runner.sink) == 0)
        #expect(runner.text.contains("MODEL_FALLBACKS"))
    }
}
