import Foundation

/// `list_directory`: type, size and name of each entry.
public struct ListDirectoryTool: AgentTool {
    public static let name = "list_directory"
    public static let maxEntries = 1000

    public init() {}

    public var definition: ToolDefinition {
        ToolDefinition(
            name: Self.name,
            description: "List a directory under /workspace, /skills, /tmp or /ipc: one line per entry with its type, size in bytes and name.",
            parameters: ToolArguments.schema(["path": ["type": "string", "description": "Absolute path of the directory."]], required: ["path"]))
    }

    struct Arguments: Decodable {
        var path: String
    }

    public func run(arguments: String, context: ToolContext) async -> ToolOutput {
        do {
            let arguments = try ToolArguments.decode(Arguments.self, from: arguments, tool: Self.name)
            let url = try SandboxedPath.readable(context.paths).resolve(arguments.path)
            let names = try FileManager.default.contentsOfDirectory(atPath: url.path).sorted()
            var lines: [String] = []
            for name in names.prefix(Self.maxEntries) {
                let attributes = try? FileManager.default.attributesOfItem(atPath: url.appendingPathComponent(name).path)
                let type: String =
                    switch attributes?[.type] as? FileAttributeType {
                    case .typeDirectory?: "dir"
                    case .typeSymbolicLink?: "link"
                    case .typeRegular?: "file"
                    default: "other"
                    }
                let size = (attributes?[.size] as? Int) ?? 0
                lines.append("\(type.padding(toLength: 5, withPad: " ", startingAt: 0)) \(String(size).leftPadded(to: 10))  \(name)")
            }
            if names.count > Self.maxEntries { lines.append("... (\(names.count - Self.maxEntries) more entries)") }
            return ToolOutput(lines.isEmpty ? "(empty directory)" : lines.joined(separator: "\n"))
        } catch {
            return .failure(error)
        }
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
