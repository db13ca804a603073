import Foundation
import PackagePlugin

/// Stamps the git commit into the target as `GeneratedBuildInfo`.
/// Re-runs when HEAD moves (the reflog changes on every commit and checkout).
@main
struct BuildInfoPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: any Target) throws -> [Command] {
        let packageDirectory = context.package.directoryURL
        let output = context.pluginWorkDirectoryURL.appending(path: "GeneratedBuildInfo.swift")
        var inputs: [URL] = []
        for candidate in [".git/HEAD", ".git/logs/HEAD", ".git/index"] {
            let url = packageDirectory.appending(path: candidate)
            if FileManager.default.fileExists(atPath: url.path) { inputs.append(url) }
        }
        return [
            .buildCommand(
                displayName: "Stamping git commit into \(target.name)",
                executable: try context.tool(named: "BuildInfoTool").url,
                arguments: [packageDirectory.path, output.path],
                inputFiles: inputs,
                outputFiles: [output])
        ]
    }
}
