import AgentRunner
import AsyncHTTPClient
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import Synchronization

/// `sympozium-bench agent`: the agent runner against a local fake OpenAI
/// server that answers instantly (streamed, SSE).
///
/// - `agent_runner_start_to_first_request_ms`: from calling the runner's
///   entry point (environment parsing, HTTP client, system prompt, tools) to
///   the fake provider receiving the first request; median of 20 runs.
/// - `agent_runner_process_start_to_first_request_ms`: the same from spawning
///   the `sympozium-agent-runner` binary, when it sits next to this executable.
/// - `agent_round_overhead_ms`: per tool round, the time the runner spends
///   outside the provider call (tool dispatch, status and stream files,
///   bookkeeping), over 20 rounds of `list_directory`.
/// - `agent_round_with_local_provider_ms`: per round including the loopback
///   HTTP call, request encoding and SSE decoding: an upper bound.
enum AgentBench {
    static let startRuns = 20
    static let rounds = 20

    static func run() async throws -> [BenchFigure] {
        let server = try await FakeOpenAI.start()
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("sympozium-agent-bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let paths = RunnerPaths(
            ipc: root.appendingPathComponent("ipc"), workspace: root.appendingPathComponent("workspace"),
            skills: root.appendingPathComponent("skills"), memory: root.appendingPathComponent("memory"),
            tmp: root.appendingPathComponent("tmp"))
        for directory in [paths.ipc, paths.workspace, paths.skills, paths.memory, paths.tmp] {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        }
        try Data("# ops\nUse kubectl.\n".utf8).write(to: paths.skills.appendingPathComponent("SKILL.md"))
        var environment = [
            "TASK": "bench", "MODEL_PROVIDER": "openai", "MODEL_NAME": "bench-model", "MODEL_BASE_URL": "\(server.baseURL)/v1",
            "OPENAI_API_KEY": "bench", "LOG_LEVEL": "critical", "SYMPOZIUM_IPC_DIR": paths.ipc.path,
            "SYMPOZIUM_WORKSPACE_DIR": paths.workspace.path, "SYMPOZIUM_SKILLS_DIR": paths.skills.path,
            "SYMPOZIUM_MEMORY_DIR": paths.memory.path, "SYMPOZIUM_TMP_DIR": paths.tmp.path,
        ]
        var figures: [BenchFigure] = []

        // Start → first provider request, in process.
        let clock = ContinuousClock()
        var startTimes: [Double] = []
        for _ in 0..<startRuns {
            server.reset(rounds: 0)
            let started = clock.now
            _ = await AgentRunnerCommand.main(arguments: [], environment: environment, standardOutput: { _ in })
            if let first = server.firstRequest { startTimes.append((first - started).seconds * 1000) }
        }
        figures.append(BenchFigure(name: "agent_runner_start_to_first_request_ms", value: median(startTimes), unit: "ms"))

        // The same from a process spawn, when the binary was built alongside.
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("sympozium-agent-runner").path
        if FileManager.default.isExecutableFile(atPath: binary) {
            var processTimes: [Double] = []
            environment["PATH"] = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
            for _ in 0..<10 {
                server.reset(rounds: 0)
                let process = Process()
                process.executableURL = URL(fileURLWithPath: binary)
                process.environment = environment
                process.standardOutput = FileHandle.nullDevice
                process.standardError = FileHandle.nullDevice
                let started = clock.now
                try process.run()
                process.waitUntilExit()
                if let first = server.firstRequest { processTimes.append((first - started).seconds * 1000) }
            }
            figures.append(BenchFigure(name: "agent_runner_process_start_to_first_request_ms", value: median(processTimes), unit: "ms"))
        }

        // Per-round overhead.
        var logger = Logger(label: "bench.agent")
        logger.logLevel = .critical
        let client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: .init(redirectConfiguration: .disallow))
        let model = FailoverModel(
            primary: ModelEndpoint(provider: "openai", model: "bench-model", baseURL: "\(server.baseURL)/v1", apiKey: "bench"),
            client: client, retry: RetryPolicy(maxRetries: 0), timeout: .seconds(30), logger: logger)
        let loop = AgentLoop(
            model: model, registry: ToolRegistry(), context: ToolContext(paths: paths, http: client, logger: logger),
            settings: AgentLoop.Settings(maxToolRounds: rounds + 1), output: RunOutput(paths: paths, logger: logger, standardOutput: { _ in }))
        server.reset(rounds: 2)
        _ = await loop.run(system: "warm up", task: "bench")
        var overheads: [Double] = []
        var totals: [Double] = []
        for _ in 0..<5 {
            server.reset(rounds: rounds)
            let started = clock.now
            let outcome = await loop.run(system: "You are a bench agent.", task: "bench")
            let total = clock.now - started
            guard outcome.error == nil, outcome.rounds == rounds else {
                try await client.shutdown()
                await server.stop()
                throw BenchFailure(message: "the bench conversation failed: \(outcome.error.map { "\($0)" } ?? "rounds \(outcome.rounds)")")
            }
            overheads.append((total - outcome.modelTime).seconds * 1000 / Double(rounds))
            totals.append(total.seconds * 1000 / Double(rounds + 1))
        }
        try await client.shutdown()
        await server.stop()
        figures.append(BenchFigure(name: "agent_round_overhead_ms", value: median(overheads), unit: "ms"))
        figures.append(BenchFigure(name: "agent_round_with_local_provider_ms", value: median(totals), unit: "ms"))
        return figures
    }

    struct BenchFailure: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    static func median(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        return sorted[sorted.count / 2]
    }
}

/// A Chat Completions server on 127.0.0.1 that streams a `list_directory`
/// tool call until the conversation has `rounds` tool rounds, then a text answer.
private final class FakeOpenAI: Sendable {
    struct State {
        var rounds = 0
        var firstRequest: ContinuousClock.Instant?
    }

    let port: Int
    let state: Mutex<State>
    let task: Task<Void, any Error>
    var baseURL: String { "http://127.0.0.1:\(port)" }

    init(port: Int, state: consuming Mutex<State>, task: Task<Void, any Error>) {
        self.port = port
        self.state = state
        self.task = task
    }

    func reset(rounds: Int) { state.withLock { $0 = State(rounds: rounds) } }
    var firstRequest: ContinuousClock.Instant? { state.withLock { $0.firstRequest } }

    func stop() async {
        task.cancel()
        _ = try? await task.value
    }

    static func start() async throws -> FakeOpenAI {
        let shared = Shared()
        var logger = Logger(label: "bench.fake-openai")
        logger.logLevel = .critical
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let application = Application(
            responder: Responder(shared: shared),
            configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0), serverName: "fake-openai"),
            onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? 0) }, logger: logger)
        let task = Task { try await application.runService(gracefulShutdownSignals: []) }
        var port = 0
        for await bound in ports {
            port = bound
            break
        }
        let server = FakeOpenAI(port: port, state: Mutex(State()), task: task)
        shared.server.withLock { $0 = server }
        return server
    }

    final class Shared: Sendable {
        let server = Mutex<FakeOpenAI?>(nil)
    }

    struct Responder: HTTPResponder {
        typealias Context = BasicRequestContext
        let shared: Shared

        func respond(to request: Request, context: Context) async throws -> Response {
            let arrived = ContinuousClock.now
            let body = try await request.body.collect(upTo: 64 << 20)
            let server = shared.server.withLock { $0 }
            let rounds = server?.state.withLock { state -> Int in
                if state.firstRequest == nil { state.firstRequest = arrived }
                return state.rounds
            } ?? 0
            // Each finished round added an assistant and a tool message.
            let toolMessages = String(buffer: body).components(separatedBy: #""role":"tool""#).count - 1
            let events = toolMessages < rounds ? Self.toolCall(toolMessages) : Self.answer
            return Response(
                status: .ok, headers: [.contentType: "text/event-stream"],
                body: ResponseBody { writer in
                    for event in events { try await writer.write(ByteBuffer(string: event)) }
                    try await writer.finish(nil)
                })
        }

        static func chunk(_ delta: String, finish: String = "null") -> String {
            #"data: {"id":"c","object":"chat.completion.chunk","created":1,"model":"bench-model","choices":[{"index":0,"delta":\#(delta),"finish_reason":\#(finish)}]}"#
                + "\n\n"
        }

        static let usage =
            #"data: {"id":"c","object":"chat.completion.chunk","created":1,"model":"bench-model","choices":[],"usage":{"prompt_tokens":100,"completion_tokens":10,"total_tokens":110}}"#
            + "\n\n"

        static func toolCall(_ round: Int) -> [String] {
            [
                chunk(#"{"role":"assistant","content":null,"tool_calls":[{"index":0,"id":"call_\#(round)","type":"function","function":{"name":"list_directory","arguments":""}}]}"#),
                chunk(#"{"tool_calls":[{"index":0,"function":{"arguments":"{\"path\":\"/skills\"}"}}]}"#),
                chunk("{}", finish: #""tool_calls""#), usage, "data: [DONE]\n\n",
            ]
        }

        static let answer = [
            chunk(#"{"role":"assistant","content":"Done"}"#), chunk(#"{"content":" here."}"#), chunk("{}", finish: #""stop""#), usage,
            "data: [DONE]\n\n",
        ]
    }
}
