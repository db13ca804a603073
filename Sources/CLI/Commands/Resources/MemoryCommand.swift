import ArgumentParser
import Foundation
import KubeClient
import KubeModel
import SympoziumAPI

/// `sympozium memory <instance> [show|edit]`: the instance's MEMORY.md.
struct MemoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "memory", abstract: "Show or edit an instance's persistent memory (MEMORY.md).",
        discussion: """
            edit opens $EDITOR (else vi) on a copy and writes it back when the editor exits successfully; \
            with --file, the file's content replaces the memory without an editor.
            """)

    enum Action: String, ExpressibleByArgument, CaseIterable {
        case show
        case edit
    }

    @OptionGroup var cluster: ClusterOptions

    @Argument(help: "The SympoziumInstance.")
    var instance: String

    @Argument(help: "show or edit.")
    var action: Action = .show

    @Option(help: ArgumentHelp("With edit: take the new memory from this file ('-' for standard input).", valueName: "path"))
    var file: String?

    func run() async throws {
        try await cluster.withClient { client, namespace in
            let name = "\(instance)-memory"
            let configMaps = Api<ConfigMap>(client, namespace: namespace)
            let configMap = try await CLIFailure.translate(
                notFound: "instance \(instance) has no memory ConfigMap \(name) (is memory enabled in its spec?)"
            ) { try await configMaps.get(name) }
            let current = configMap.data["MEMORY.md"] ?? ""
            switch action {
            case .show:
                Console.write(current.hasSuffix("\n") || current.isEmpty ? current : current + "\n")
            case .edit:
                let updated: String
                if let file { updated = try Self.read(file) } else { updated = try await Self.edit(current) }
                guard updated != current else {
                    Console.write("memory unchanged\n")
                    return
                }
                if let limit = try await Api<SympoziumInstance>(client, namespace: namespace).getIfExists(instance)?.spec.memory?.maxSizeBytes,
                    updated.utf8.count > limit
                {
                    throw CLIError(code: "TooLarge", "the memory is \(updated.utf8.count) bytes, over the instance's limit of \(limit)")
                }
                var patch: JSONValue = ["data": ["MEMORY.md": .string(updated)]]
                patch["metadata"] = ["resourceVersion": .string(configMap.metadata.resourceVersion ?? "")]
                _ = try await CLIFailure.translate { try await configMaps.patch(name, .merge(patch)) }
                Console.write("memory of \(instance) updated\n")
            }
        }
    }

    static func read(_ path: String) throws -> String {
        if path == "-" { return String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self) }
        return try String(contentsOfFile: path, encoding: .utf8)
    }

    /// Runs the user's editor on a temporary copy.
    static func edit(_ text: String) async throws -> String {
        let url = FileManager.default.temporaryDirectory.appending(path: "sympozium-memory-\(UUID().uuidString).md")
        try Data(text.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let editor = ProcessInfo.processInfo.environment["EDITOR"].flatMap { $0.isEmpty ? nil : $0 } ?? "vi"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "\(editor) \"$1\"", "sh", url.path]
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
            }
        }
        guard status == 0 else {
            throw CLIError(code: "EditorFailed", "\(editor) exited with status \(status); the memory was not changed")
        }
        return try String(contentsOf: url, encoding: .utf8)
    }
}
