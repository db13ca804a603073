import Foundation

/// `spawn_subagent`: /ipc/spawn/request-<id>.json; the child's result comes
/// back as /ipc/spawn/result-<id>.json, written by the IPC bridge.
public struct SpawnSubagentTool: AgentTool {
    public static let name = "spawn_subagent"
    static let pollInterval: Duration = .milliseconds(200)

    public init() {}

    public var definition: ToolDefinition {
        ToolDefinition(
            name: Self.name,
            description:
                "Start a sub-agent (its own agent run) on a self-contained task and, unless wait is false, wait for its answer.",
            parameters: ToolArguments.schema(
                [
                    "task": ["type": "string", "description": "The sub-agent's task, with all the context it needs."],
                    "systemPrompt": ["type": "string", "description": "System prompt for the sub-agent (optional)."],
                    "skills": ["type": "array", "items": ["type": "string"], "description": "Skill packs it needs (optional)."],
                    "wait": ["type": "boolean", "description": "Wait for its result (default true)."],
                ], required: ["task"]))
    }

    struct Arguments: Decodable {
        var task: String
        var systemPrompt: String?
        var skills: [String]?
        var wait: Bool?
    }

    struct Request: Codable {
        var requestId: String
        var task: String
        var systemPrompt: String?
        var agentId: String
        var skills: [String]?
    }

    struct Result: Decodable {
        var requestId: String?
        var status: String?
        var response: String?
        var error: String?
    }

    public func run(arguments: String, context: ToolContext) async -> ToolOutput {
        do {
            let arguments = try ToolArguments.decode(Arguments.self, from: arguments, tool: Self.name)
            guard !arguments.task.trimmingCharacters(in: .whitespaces).isEmpty else { return .error("'task' is empty") }
            let id = IPCIdentifier.make()
            let request = Request(
                requestId: id, task: arguments.task, systemPrompt: arguments.systemPrompt, agentId: context.agentID,
                skills: arguments.skills?.isEmpty == true ? nil : arguments.skills)
            try AtomicFile.write(json: request, to: context.paths.spawn.appendingPathComponent("request-\(id).json"))
            guard arguments.wait ?? true else { return ToolOutput("Sub-agent requested (request \(id)); not waiting for its result.") }
            let resultURL = context.paths.spawn.appendingPathComponent("result-\(id).json")
            let clock = ContinuousClock()
            let deadline = clock.now + context.spawnWait
            while clock.now < deadline {
                if let data = FileManager.default.contents(atPath: resultURL.path), !data.isEmpty,
                    let result = try? JSONDecoder().decode(Result.self, from: data)
                {
                    unlink(resultURL.path)
                    if result.status == "error" {
                        return .error("the sub-agent failed: \(result.error ?? "no error given")")
                    }
                    return ToolOutput(result.response ?? "(the sub-agent gave no response)")
                }
                try await Task.sleep(for: Self.pollInterval)
            }
            return .error("the sub-agent did not finish within \(context.spawnWait.components.seconds) seconds (request \(id))")
        } catch {
            return .failure(error)
        }
    }
}
