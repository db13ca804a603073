import Foundation

/// Where the pod's shared directories are. Each can be moved by an environment
/// variable so the runner and the tool executor also work outside a container.
public struct RunnerPaths: Sendable, Hashable {
    public var ipc: URL
    public var workspace: URL
    public var skills: URL
    public var memory: URL
    public var tmp: URL

    public static let environmentNames = (
        ipc: "SYMPOZIUM_IPC_DIR", workspace: "SYMPOZIUM_WORKSPACE_DIR", skills: "SYMPOZIUM_SKILLS_DIR",
        memory: "SYMPOZIUM_MEMORY_DIR", tmp: "SYMPOZIUM_TMP_DIR"
    )

    public init(
        ipc: URL = URL(fileURLWithPath: "/ipc"), workspace: URL = URL(fileURLWithPath: "/workspace"),
        skills: URL = URL(fileURLWithPath: "/skills"), memory: URL = URL(fileURLWithPath: "/memory"),
        tmp: URL = URL(fileURLWithPath: "/tmp")
    ) {
        self.ipc = ipc
        self.workspace = workspace
        self.skills = skills
        self.memory = memory
        self.tmp = tmp
    }

    public init(environment: [String: String]) {
        func path(_ name: String, _ fallback: String) -> URL {
            let value = environment[name].flatMap { $0.isEmpty ? nil : $0 } ?? fallback
            return URL(fileURLWithPath: value).standardizedFileURL
        }
        let names = Self.environmentNames
        self.init(
            ipc: path(names.ipc, "/ipc"), workspace: path(names.workspace, "/workspace"),
            skills: path(names.skills, "/skills"), memory: path(names.memory, "/memory"), tmp: path(names.tmp, "/tmp"))
    }

    // The IPC layout (docs/ipc-protocol.md).
    public var tools: URL { ipc.appendingPathComponent("tools") }
    public var output: URL { ipc.appendingPathComponent("output") }
    public var messages: URL { ipc.appendingPathComponent("messages") }
    public var schedules: URL { ipc.appendingPathComponent("schedules") }
    public var spawn: URL { ipc.appendingPathComponent("spawn") }
    public var approvals: URL { ipc.appendingPathComponent("approvals") }
    public var input: URL { ipc.appendingPathComponent("input") }
    public var done: URL { ipc.appendingPathComponent("done") }
    public var memoryFile: URL { memory.appendingPathComponent("MEMORY.md") }
}
