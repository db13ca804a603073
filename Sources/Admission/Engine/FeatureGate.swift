import SympoziumAPI

/// The feature gates of a SympoziumPolicy and what in a run asks for each.
public enum FeatureGate: String, Sendable, CaseIterable {
    /// A sandbox container or the `execute_command` tool.
    case codeExecution = "code-execution"
    /// A run spawned by another run (spec.parent), or the `spawn_subagent` tool.
    case subAgents = "sub-agents"
    /// A browser tool (`browser*`) or a skill pack named `browser*`.
    case browserAutomation = "browser-automation"
    /// Writing files: the `write_file` tool.
    case fileAccess = "file-access"

    /// The gates a run asks for, each with the part of the run that asks.
    static func requested(by run: AgentRun) -> [(gate: FeatureGate, because: String)] {
        var requested: [(FeatureGate, String)] = []
        let allowed = run.spec.toolPolicy?.allow ?? []
        if run.spec.sandbox?.enabled == true {
            requested.append((.codeExecution, "spec.sandbox.enabled"))
        } else if allowed.contains("execute_command") {
            requested.append((.codeExecution, "spec.toolPolicy.allow[execute_command]"))
        }
        if run.spec.parent != nil {
            requested.append((.subAgents, "spec.parent"))
        } else if allowed.contains("spawn_subagent") {
            requested.append((.subAgents, "spec.toolPolicy.allow[spawn_subagent]"))
        }
        if let tool = allowed.first(where: { $0.hasPrefix("browser") }) {
            requested.append((.browserAutomation, "spec.toolPolicy.allow[\(tool)]"))
        } else if let skill = run.spec.skills.compactMap(\.skillPackRef).first(where: { $0.hasPrefix("browser") }) {
            requested.append((.browserAutomation, "spec.skills[\(skill)]"))
        }
        if allowed.contains("write_file") {
            requested.append((.fileAccess, "spec.toolPolicy.allow[write_file]"))
        }
        return requested
    }
}
