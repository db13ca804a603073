import Foundation

/// `read_file`: a file under /workspace, /skills, /tmp or /ipc, cut at 100 KB.
public struct ReadFileTool: AgentTool {
    public static let name = "read_file"
    public static let maxBytes = 100 * 1024

    public init() {}

    public var definition: ToolDefinition {
        ToolDefinition(
            name: Self.name,
            description: "Read a text file from the pod filesystem. Paths under /workspace, /skills, /tmp and /ipc are readable; files are cut at 100 KB.",
            parameters: ToolArguments.schema(["path": ["type": "string", "description": "Absolute path of the file to read."]], required: ["path"]))
    }

    struct Arguments: Decodable {
        var path: String
    }

    public func run(arguments: String, context: ToolContext) async -> ToolOutput {
        do {
            let arguments = try ToolArguments.decode(Arguments.self, from: arguments, tool: Self.name)
            let url = try SandboxedPath.readable(context.paths).resolve(arguments.path)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue else {
                return .error("\(arguments.path) is a directory: use list_directory")
            }
            let handle = try FileHandle(forReadingFrom: url)
            defer { try? handle.close() }
            let data = try handle.read(upToCount: Self.maxBytes + 1) ?? Data()
            let text = String(decoding: data.prefix(Self.maxBytes), as: UTF8.self)
            if data.count > Self.maxBytes {
                let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? nil
                return ToolOutput(text + "\n... (truncated at 100 KB; the file has \(size.map(String.init) ?? "more") bytes)")
            }
            return ToolOutput(text)
        } catch {
            return .failure(error)
        }
    }
}
