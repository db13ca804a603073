import Foundation

/// `write_file`: creates or replaces a file under /workspace or /tmp, creating
/// parent directories, written atomically (temporary file + rename).
public struct WriteFileTool: AgentTool {
    public static let name = "write_file"
    public static let maxBytes = 10 << 20

    public init() {}

    public var definition: ToolDefinition {
        ToolDefinition(
            name: Self.name,
            description: "Create or overwrite a file. Only paths under /workspace and /tmp are writable; parent directories are created.",
            parameters: ToolArguments.schema(
                [
                    "path": ["type": "string", "description": "Absolute path of the file to write."],
                    "content": ["type": "string", "description": "The complete new content of the file."],
                ], required: ["path", "content"]))
    }

    struct Arguments: Decodable {
        var path: String
        var content: String
    }

    public func run(arguments: String, context: ToolContext) async -> ToolOutput {
        do {
            let arguments = try ToolArguments.decode(Arguments.self, from: arguments, tool: Self.name)
            guard arguments.content.utf8.count <= Self.maxBytes else {
                return .error("the content exceeds \(Self.maxBytes) bytes")
            }
            let sandbox = SandboxedPath.writable(context.paths)
            let url = try sandbox.resolve(arguments.path, mustExist: false)
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue {
                return .error("\(arguments.path) is a directory")
            }
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            // Directories created above must not have let the path escape (a race with a symlink).
            _ = try sandbox.resolve(url.deletingLastPathComponent().path)
            try AtomicFile.write(Data(arguments.content.utf8), to: url, createDirectories: false)
            return ToolOutput("Wrote \(arguments.content.utf8.count) bytes to \(arguments.path)")
        } catch {
            return .failure(error)
        }
    }
}
