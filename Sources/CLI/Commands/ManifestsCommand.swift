import ArgumentParser
import Foundation

struct ManifestsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "manifests",
        abstract: "Generate Kubernetes manifests from the Swift API types.",
        subcommands: [CRDsCommand.self])
}

struct CRDsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "crds",
        abstract: "Generate the sympozium.ai CustomResourceDefinitions.",
        discussion: """
            Writes one file per kind, named sympozium.ai_<plural>.yaml, into --output. Without --output \
            all CRDs are printed to standard output as one multi-document YAML stream.
            """)

    @Option(name: .shortAndLong, help: ArgumentHelp("Directory to write the CRD files into.", valueName: "dir"))
    var output: String?

    func run() throws {
        guard let output else {
            for file in try CRDManifests.files() { print(file.contents, terminator: "") }
            return
        }
        let written = try CRDManifests.write(to: URL(fileURLWithPath: output))
        for url in written { print("wrote \(url.path)") }
    }
}
