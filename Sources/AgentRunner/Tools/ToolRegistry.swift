/// The built-in tools, filtered by the run's policy.
public struct ToolRegistry: Sendable {
    public private(set) var tools: [String: any AgentTool]
    public let policy: ToolPolicy
    /// In the order they are offered to the model.
    public let offered: [ToolDefinition]

    public static let builtIn: [any AgentTool] = [
        ExecuteCommandTool(), ReadFileTool(), WriteFileTool(), ListDirectoryTool(), FetchURLTool(), SendChannelMessageTool(),
        ScheduleTaskTool(), SpawnSubagentTool(),
    ]

    public init(tools: [any AgentTool] = Self.builtIn, policy: ToolPolicy = ToolPolicy()) {
        let permitted = tools.filter { policy.permits($0.definition.name) }
        self.tools = Dictionary(permitted.map { ($0.definition.name, $0) }, uniquingKeysWith: { first, _ in first })
        self.policy = policy
        self.offered = permitted.map(\.definition)
    }

    /// Runs a call, refusing tools the policy denies or that do not exist.
    public func run(_ call: ToolCall, context: ToolContext) async -> ToolOutput {
        guard policy.permits(call.name) else {
            return .error("the tool \(call.name) is not allowed by this run's tool policy")
        }
        guard let tool = tools[call.name] else {
            return .error("there is no tool named \(call.name); available: \(offered.map(\.name).joined(separator: ", "))")
        }
        if policy.needsApproval(call.name) {
            let verdict = await ToolApproval.ask(for: call, context: context)
            guard verdict.approved else {
                return .error("the call to \(call.name) was not approved: \(verdict.reason ?? "denied")")
            }
        }
        return await tool.run(arguments: call.arguments, context: context)
    }
}
