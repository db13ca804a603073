import Foundation

/// `schedule_task`: /ipc/schedules/schedule-<id>.json, turned into a
/// SympoziumSchedule by the control plane.
public struct ScheduleTaskTool: AgentTool {
    public static let name = "schedule_task"
    static let actions = ["create", "update", "suspend", "resume", "delete"]

    public init() {}

    public var definition: ToolDefinition {
        ToolDefinition(
            name: Self.name,
            description:
                "Create, update, suspend, resume or delete a recurring task. Each time the cron schedule fires, a new agent run gets the task.",
            parameters: ToolArguments.schema(
                [
                    "name": ["type": "string", "description": "Short unique name, e.g. 'daily-report'."],
                    "action": ["type": "string", "enum": .array(Self.actions.map { .string($0) }), "description": "What to do."],
                    "schedule": ["type": "string", "description": "5-field cron expression, e.g. '0 9 * * 1-5' (create, update)."],
                    "task": ["type": "string", "description": "The self-contained task each run receives (create, update)."],
                ], required: ["name", "action"]))
    }

    struct Request: Codable {
        var name: String
        var action: String
        var schedule: String?
        var task: String?
    }

    public func run(arguments: String, context: ToolContext) async -> ToolOutput {
        do {
            var request = try ToolArguments.decode(Request.self, from: arguments, tool: Self.name)
            request.action = request.action.lowercased()
            if request.schedule?.isEmpty == true { request.schedule = nil }
            if request.task?.isEmpty == true { request.task = nil }
            guard !request.name.isEmpty else { return .error("'name' is empty") }
            guard Self.actions.contains(request.action) else {
                return .error("unknown action '\(request.action)': use \(Self.actions.joined(separator: ", "))")
            }
            if request.action == "create", request.schedule == nil || request.task == nil {
                return .error("create needs 'schedule' (a cron expression) and 'task'")
            }
            if request.action == "update", request.schedule == nil, request.task == nil {
                return .error("update needs 'schedule' and/or 'task'")
            }
            if let schedule = request.schedule, !schedule.hasPrefix("@"), schedule.split(separator: " ").count != 5 {
                return .error("'\(schedule)' is not a 5-field cron expression")
            }
            let url = context.paths.schedules.appendingPathComponent("schedule-\(IPCIdentifier.make()).json")
            try AtomicFile.write(json: request, to: url)
            return ToolOutput("Schedule '\(request.name)': \(request.action) requested.")
        } catch {
            return .failure(error)
        }
    }
}
