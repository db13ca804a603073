import Foundation
import Logging

/// The skill sidecar's command runner: watches /ipc/tools, claims each exec
/// request atomically (`mkdir .claim-<id>`), runs it with its timeout clamped
/// to 1–120 s in its working directory, writes the result atomically, and
/// returns when /ipc/done appears (docs/ipc-protocol.md).
public struct ToolExecutor: Sendable {
    public struct Configuration: Sendable {
        public var paths: RunnerPaths
        /// Claim only requests whose target is empty or this skill pack.
        public var skillPack: String?
        public var shell: String
        /// Rescan interval (inotify events arrive at once; the scan is a safety net).
        public var tick: Duration

        public init(paths: RunnerPaths = RunnerPaths(), skillPack: String? = nil, shell: String = "/bin/sh", tick: Duration = .milliseconds(250)) {
            self.paths = paths
            self.skillPack = skillPack.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.flatMap { $0.isEmpty ? nil : $0 }
            self.shell = shell
            self.tick = tick
        }

        public init(environment: [String: String]) {
            self.init(
                paths: RunnerPaths(environment: environment), skillPack: environment["SYMPOZIUM_SKILL_PACK"],
                shell: environment["TOOL_SHELL"].flatMap { $0.isEmpty ? nil : $0 } ?? "/bin/sh")
        }
    }

    public let configuration: Configuration
    let logger: Logger

    public init(configuration: Configuration, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
    }

    /// Runs until /ipc/done appears or the task is cancelled; running
    /// commands are killed then.
    public func run() async throws {
        let paths = configuration.paths
        try FileManager.default.createDirectory(at: paths.tools, withIntermediateDirectories: true)
        logger.info("tool executor started", metadata: ["dir": "\(paths.tools.path)", "skill.pack": "\(configuration.skillPack ?? "any")"])
        var handled = Set<String>()
        var unreadable: [String: Int] = [:]
        let events = DirectoryWatcher.events(in: [paths.tools, paths.ipc], tick: configuration.tick)
        await withTaskGroup(of: Void.self) { group in
            func consider(_ name: String) {
                guard let id = ExecFiles.requestID(fromFileName: name), !handled.contains(id) else { return }
                switch claim(id) {
                case .claimed(let request):
                    handled.insert(id)
                    group.addTask { await execute(request) }
                case .notMine:
                    handled.insert(id)
                case .unreadable:
                    // Maybe written in place and not finished yet: try again on the next scan.
                    unreadable[id, default: 0] += 1
                    if unreadable[id, default: 0] >= 20 {
                        handled.insert(id)
                        logger.warning("ignoring an unreadable exec request", metadata: ["request.id": "\(id)"])
                    }
                }
            }
            func scan() {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: paths.tools.path)) ?? []
                for name in names.sorted() { consider(name) }
            }
            if !FileManager.default.fileExists(atPath: paths.done.path) {
                scan()
                for await event in events {
                    if FileManager.default.fileExists(atPath: paths.done.path) || Task.isCancelled { break }
                    switch event {
                    case .appeared(let directory, let name) where directory == paths.tools: consider(name)
                    case .appeared: break
                    case .tick: scan()
                    }
                }
            }
            group.cancelAll()
        }
        logger.info("tool executor stopping", metadata: ["reason": "\(Task.isCancelled ? "cancelled" : "done file")"])
    }

    enum Claim {
        case claimed(ExecRequest)
        case notMine
        case unreadable
    }

    /// Reads the request and claims it with mkdir, which exactly one sidecar wins.
    func claim(_ id: String) -> Claim {
        let tools = configuration.paths.tools
        if FileManager.default.fileExists(atPath: tools.appendingPathComponent(ExecFiles.result(id)).path) { return .notMine }
        guard let data = FileManager.default.contents(atPath: tools.appendingPathComponent(ExecFiles.request(id)).path) else {
            return .notMine  // already removed by the runner
        }
        guard let request = try? JSONDecoder().decode(ExecRequest.self, from: data) else { return .unreadable }
        if let target = request.target?.trimmingCharacters(in: .whitespaces).lowercased(), !target.isEmpty,
            let mine = configuration.skillPack, target != mine
        {
            return .notMine
        }
        guard mkdir(tools.appendingPathComponent(ExecFiles.claim(id)).path, 0o755) == 0 else { return .notMine }
        var claimed = request
        claimed.id = id
        return .claimed(claimed)
    }

    func execute(_ request: ExecRequest) async {
        let timeout = request.effectiveTimeout
        let workDir = physicalPath(request.workDir ?? "/workspace")
        let script = ([request.command] + (request.args ?? []).map(CommandRunner.shellQuote)).joined(separator: " ")
        logger.info(
            "exec request claimed",
            metadata: ["request.id": "\(request.id)", "timeout.s": "\(timeout)", "workdir": "\(workDir)", "command": "\(TextLimits.prefix(request.command, maxBytes: 200))"])
        let stop = CommandRunner.StopSignal()
        let shell = configuration.shell
        let stdin = request.stdin
        let outcome = await withTaskCancellationHandler {
            await BlockingWork.run("exec-\(request.id)") {
                CommandRunner.run(shell: shell, script: script, workDir: workDir, stdin: stdin, timeout: .seconds(timeout), stop: stop)
            }
        } onCancel: {
            stop.stop()
        }
        let result = ExecResult(
            id: request.id, exitCode: outcome.exitCode, stdout: outcome.stdout, stderr: outcome.stderr, timedOut: outcome.timedOut)
        do {
            try AtomicFile.write(json: result, to: configuration.paths.tools.appendingPathComponent(ExecFiles.result(request.id)))
            logger.info(
                "exec request done", metadata: ["request.id": "\(request.id)", "exit.code": "\(result.exitCode)", "timed.out": "\(result.timedOut)"])
        } catch {
            logger.error("cannot write an exec result", metadata: ["request.id": "\(request.id)", "error": "\(error)"])
        }
    }

    /// Maps the pod paths the model uses onto moved directories.
    func physicalPath(_ path: String) -> String {
        let paths = configuration.paths
        for (logical, physical) in [("/workspace", paths.workspace), ("/tmp", paths.tmp), ("/ipc", paths.ipc)] {
            if path == logical { return physical.path }
            if path.hasPrefix(logical + "/") { return physical.path + path.dropFirst(logical.count) }
        }
        return path
    }
}
