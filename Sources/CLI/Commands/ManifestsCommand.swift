import ArgumentParser
import Foundation

struct ManifestsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "manifests",
        abstract: "Generate Kubernetes manifests from the Swift API types.",
        subcommands: [CRDsCommand.self, WebhookManifestsCommand.self])
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

struct WebhookManifestsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "webhook",
        abstract: "Generate the AgentRun admission webhook configurations.",
        discussion: """
            Writes the ValidatingWebhookConfiguration and MutatingWebhookConfiguration that send AgentRun \
            CREATE and UPDATE to the sympozium-webhook Service (failurePolicy Fail, sideEffects None). \
            Their caBundle is left to cert-manager's CA injector; `sympozium webhook --self-signed --register` \
            writes them with its own CA instead.
            """)

    @Option(name: .shortAndLong, help: ArgumentHelp("File to write (default: standard output).", valueName: "file"))
    var output: String?

    func run() throws {
        let yaml = try WebhookManifestFile.render()
        guard let output else {
            print(yaml, terminator: "")
            return
        }
        let url = URL(fileURLWithPath: output)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(yaml.utf8).write(to: url, options: .atomic)
        print("wrote \(url.path)")
    }
}
