@testable import AgentRunner
import Foundation
import Testing

@Suite("File tools")
struct FileToolTests {
    /// Runs a tool with a context over temporary directories.
    static func run(_ tool: any AgentTool, _ arguments: String, _ directories: RunDirectories) async throws -> ToolOutput {
        let client = TestSupport.httpClient()
        let output = await tool.run(arguments: arguments, context: ToolContext(paths: directories.paths, http: client, logger: TestSupport.logger))
        try await client.shutdown()
        return output
    }

    @Test("read_file reads under the allowed roots, by pod path or relative to /workspace")
    func readAllowed() async throws {
        let directories = try RunDirectories()
        defer { directories.remove() }
        try directories.write("inside", to: directories.paths.workspace.appendingPathComponent("a/b.txt"))
        try directories.write("skill", to: directories.paths.skills.appendingPathComponent("s/SKILL.md"))
        #expect(try await Self.run(ReadFileTool(), #"{"path":"/workspace/a/b.txt"}"#, directories).text == "inside")
        #expect(try await Self.run(ReadFileTool(), #"{"path":"a/./b.txt"}"#, directories).text == "inside")
        #expect(try await Self.run(ReadFileTool(), #"{"path":"/skills/s/SKILL.md"}"#, directories).text == "skill")
        #expect(try await Self.run(ReadFileTool(), #"{"path":"/workspace/a/../a/b.txt"}"#, directories).text == "inside")
    }

    @Test("path traversal is refused", arguments: [
        "/workspace/../../etc/passwd", "../../etc/passwd", "/etc/passwd", "/workspace/../memory/MEMORY.md", "/proc/self/environ", "",
    ])
    func traversalRefused(path: String) async throws {
        let directories = try RunDirectories()
        defer { directories.remove() }
        try directories.write("secret", to: directories.paths.memoryFile)
        let output = try await Self.run(ReadFileTool(), #"{"path":"\#(path)"}"#, directories)
        #expect(output.isError)
        #expect(!output.text.contains("secret"))
        #expect(!output.text.contains("root:"))
    }

    @Test("a symbolic link out of the allowed roots is refused, for reading and writing")
    func symlinkEscape() async throws {
        let directories = try RunDirectories()
        defer { directories.remove() }
        try directories.write("secret", to: directories.root.appendingPathComponent("outside/secret.txt"))
        let outside = directories.root.appendingPathComponent("outside").path
        try FileManager.default.createSymbolicLink(
            atPath: directories.paths.workspace.appendingPathComponent("escape").path, withDestinationPath: outside)
        try FileManager.default.createSymbolicLink(
            atPath: directories.paths.workspace.appendingPathComponent("file-link").path, withDestinationPath: outside + "/secret.txt")

        let read = try await Self.run(ReadFileTool(), #"{"path":"/workspace/escape/secret.txt"}"#, directories)
        #expect(read.isError && read.text.contains("symbolic link"))
        let readLink = try await Self.run(ReadFileTool(), #"{"path":"/workspace/file-link"}"#, directories)
        #expect(readLink.isError && !readLink.text.contains("secret\n"))
        let list = try await Self.run(ListDirectoryTool(), #"{"path":"/workspace/escape"}"#, directories)
        #expect(list.isError)
        let write = try await Self.run(WriteFileTool(), #"{"path":"/workspace/escape/new/planted.txt","content":"x"}"#, directories)
        #expect(write.isError && write.text.contains("symbolic link"))
        #expect(!FileManager.default.fileExists(atPath: outside + "/new"))
        let through = try await Self.run(WriteFileTool(), #"{"path":"/workspace/file-link","content":"replaced"}"#, directories)
        #expect(through.isError)
        #expect(directories.read(URL(fileURLWithPath: outside + "/secret.txt")) == "secret")
    }

    @Test("write_file writes atomically under /workspace and /tmp only, creating parents")
    func writeRoots() async throws {
        let directories = try RunDirectories()
        defer { directories.remove() }
        let ok = try await Self.run(WriteFileTool(), #"{"path":"/workspace/deep/er/file.txt","content":"héllo"}"#, directories)
        #expect(!ok.isError)
        #expect(directories.read(directories.paths.workspace.appendingPathComponent("deep/er/file.txt")) == "héllo")
        let tmp = try await Self.run(WriteFileTool(), #"{"path":"/tmp/x.txt","content":"t"}"#, directories)
        #expect(!tmp.isError)
        #expect(directories.read(directories.paths.tmp.appendingPathComponent("x.txt")) == "t")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directories.paths.workspace.appendingPathComponent("deep/er").path)
        #expect(leftovers == ["file.txt"])

        for path in ["/skills/evil.md", "/ipc/done", "/memory/MEMORY.md", "/etc/cron.d/x", "/workspace/../ipc/done"] {
            let refused = try await Self.run(WriteFileTool(), #"{"path":"\#(path)","content":"x"}"#, directories)
            #expect(refused.isError, "\(path) must be refused")
        }
        #expect(!FileManager.default.fileExists(atPath: directories.paths.done.path))
        #expect(!FileManager.default.fileExists(atPath: directories.paths.skills.appendingPathComponent("evil.md").path))
    }

    @Test("read_file stops at 100 KB and list_directory lists")
    func readCapAndList() async throws {
        let directories = try RunDirectories()
        defer { directories.remove() }
        try directories.write(String(repeating: "a", count: 150 * 1024), to: directories.paths.workspace.appendingPathComponent("big.txt"))
        let read = try await Self.run(ReadFileTool(), #"{"path":"/workspace/big.txt"}"#, directories)
        #expect(read.text.hasPrefix(String(repeating: "a", count: 100 * 1024) + "\n... (truncated at 100 KB"))
        try FileManager.default.createDirectory(at: directories.paths.workspace.appendingPathComponent("sub"), withIntermediateDirectories: true)
        let list = try await Self.run(ListDirectoryTool(), #"{"path":"/workspace"}"#, directories)
        #expect(list.text.contains("file      153600  big.txt"))
        #expect(list.text.contains("dir "))
        let bad = try await Self.run(ReadFileTool(), #"{"file":"x"}"#, directories)
        #expect(bad.isError && bad.text.contains("needs the argument 'path'"))
        let notJSON = try await Self.run(ReadFileTool(), "not json", directories)
        #expect(notJSON.isError)
    }

    @Test("IPC tools write their request files atomically")
    func ipcTools() async throws {
        let directories = try RunDirectories()
        defer { directories.remove() }
        let message = try await Self.run(SendChannelMessageTool(), #"{"channel":"Telegram","text":"hi","chatId":"7"}"#, directories)
        #expect(!message.isError)
        let sent = try FileManager.default.contentsOfDirectory(atPath: directories.paths.messages.path)
        #expect(sent.count == 1 && sent[0].hasPrefix("send-") && sent[0].hasSuffix(".json"))
        let json = try #require(directories.read(directories.paths.messages.appendingPathComponent(sent[0])))
        #expect(json == #"{"channel":"telegram","chatId":"7","text":"hi"}"#)

        let schedule = try await Self.run(ScheduleTaskTool(), #"{"name":"daily","action":"create","schedule":"0 9 * * *","task":"report"}"#, directories)
        #expect(!schedule.isError)
        let bad = try await Self.run(ScheduleTaskTool(), #"{"name":"daily","action":"create","schedule":"often","task":"report"}"#, directories)
        #expect(bad.isError)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directories.paths.schedules.path).count == 1)

        let spawn = try await Self.run(SpawnSubagentTool(), #"{"task":"sub task","wait":false}"#, directories)
        #expect(!spawn.isError)
        let requests = try FileManager.default.contentsOfDirectory(atPath: directories.paths.spawn.path)
        #expect(requests.count == 1 && requests[0].hasPrefix("request-"))
    }

    @Test("spawn_subagent waits for the bridge's result file")
    func spawnWaits() async throws {
        let directories = try RunDirectories()
        defer { directories.remove() }
        let spawnDirectory = directories.paths.spawn
        let responder = Task {
            for _ in 0..<200 {
                if let name = try? FileManager.default.contentsOfDirectory(atPath: spawnDirectory.path).first(where: { $0.hasPrefix("request-") }) {
                    let id = name.dropFirst("request-".count).dropLast(".json".count)
                    try AtomicFile.write(
                        Data(#"{"requestId":"\#(id)","status":"success","response":"child says hi"}"#.utf8),
                        to: spawnDirectory.appendingPathComponent("result-\(id).json"))
                    return
                }
                try await Task.sleep(for: .milliseconds(20))
            }
        }
        let output = try await Self.run(SpawnSubagentTool(), #"{"task":"sub task"}"#, directories)
        try await responder.value
        #expect(output.text == "child says hi")
    }
}
