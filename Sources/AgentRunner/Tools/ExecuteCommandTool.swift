import Foundation

/// `execute_command`: runs a shell command in a skill sidecar through
/// /ipc/tools (request file, claim by the sidecar's tool executor, result file).
public struct ExecuteCommandTool: AgentTool {
    public static let name = "execute_command"
    /// How long past the command's own timeout the runner waits for a result.
    public static let resultGrace: Duration = .seconds(15)
    static let pollInterval: Duration = .milliseconds(20)

    public init() {}

    public var definition: ToolDefinition {
        ToolDefinition(
            name: Self.name,
            description:
                "Execute a shell command (kubectl, bash, curl, jq...) in a skill sidecar container. Runs in /workspace unless workdir is set. When several skill sidecars are attached, set target to the skill that owns the tool.",
            parameters: ToolArguments.schema(
                [
                    "command": ["type": "string", "description": "The shell command, e.g. 'kubectl get pods -n default'."],
                    "workdir": ["type": "string", "description": "Working directory (default /workspace)."],
                    "timeout": ["type": "integer", "description": "Timeout in seconds (default 30, at most 120)."],
                    "stdin": ["type": "string", "description": "Text fed to the command's standard input."],
                    "target": ["type": "string", "description": "Name of the skill sidecar that should run it (optional)."],
                ], required: ["command"]))
    }

    struct Arguments: Decodable {
        var command: String
        var workdir: String?
        var workDir: String?
        var timeout: Int?
        var stdin: String?
        var target: String?
    }

    public func run(arguments: String, context: ToolContext) async -> ToolOutput {
        do {
            let arguments = try ToolArguments.decode(Arguments.self, from: arguments, tool: Self.name)
            guard !arguments.command.trimmingCharacters(in: .whitespaces).isEmpty else { return .error("'command' is empty") }
            let target = arguments.target?.trimmingCharacters(in: .whitespaces).lowercased()
            let request = ExecRequest(
                id: IPCIdentifier.make(), command: arguments.command, workDir: arguments.workdir ?? arguments.workDir ?? "/workspace",
                timeout: min(max(arguments.timeout ?? ExecRequest.defaultTimeout, 1), ExecRequest.timeoutRange.upperBound),
                stdin: arguments.stdin, target: target?.isEmpty == false ? target : nil)
            let result = try await Self.execute(request, tools: context.paths.tools)
            return Self.format(result)
        } catch {
            return .failure(error)
        }
    }

    struct NoResult: ToolFailure {
        var description: String
    }

    /// Writes the request and waits for its result; removes both, and the claim, afterwards.
    public static func execute(_ request: ExecRequest, tools: URL) async throws -> ExecResult {
        let requestURL = tools.appendingPathComponent(ExecFiles.request(request.id))
        let resultURL = tools.appendingPathComponent(ExecFiles.result(request.id))
        defer {
            unlink(requestURL.path)
            unlink(resultURL.path)
            rmdir(tools.appendingPathComponent(ExecFiles.claim(request.id)).path)
        }
        try AtomicFile.write(json: request, to: requestURL)
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(request.effectiveTimeout) + resultGrace
        while clock.now < deadline {
            if let data = FileManager.default.contents(atPath: resultURL.path), !data.isEmpty,
                let result = try? JSONDecoder().decode(ExecResult.self, from: data)
            {
                return result
            }
            try await Task.sleep(for: pollInterval)
        }
        throw NoResult(
            description:
                "no result for the command within \(request.effectiveTimeout + 15) seconds: no skill sidecar is running a tool executor\(request.target.map { " for target '\($0)'" } ?? "")"
        )
    }

    /// stdout, then stderr, then the exit status, as the model reads them.
    static func format(_ result: ExecResult) -> ToolOutput {
        var parts: [String] = []
        if !result.stdout.isEmpty { parts.append(result.stdout) }
        if !result.stderr.isEmpty { parts.append("STDERR: \(result.stderr)") }
        if result.timedOut { parts.append("(command timed out)") }
        if result.exitCode != 0 { parts.append("(exit code: \(result.exitCode))") }
        let text = parts.isEmpty ? "(no output)" : parts.joined(separator: "\n")
        return ToolOutput(text, isError: result.exitCode != 0 || result.timedOut)
    }
}
