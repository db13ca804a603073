import ArgumentParser
import Foundation
import KubeClient
import KubeModel
import SympoziumAPI

/// `sympozium features enable|disable|list --policy <name>`: a policy's feature gates.
struct FeaturesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "features", abstract: "Turn a SympoziumPolicy's feature gates on and off.",
        discussion: """
            Gates: code-execution, sub-agents, browser-automation, file-access.
            Example:
              sympozium features enable browser-automation --policy default-policy
            """,
        subcommands: [FeaturesList.self, FeaturesEnable.self, FeaturesDisable.self], defaultSubcommand: FeaturesList.self)

    static let knownGates = ["code-execution", "sub-agents", "browser-automation", "file-access"]

    static func set(_ gate: String, to enabled: Bool, policy: String, cluster: ClusterOptions) async throws {
        guard knownGates.contains(gate) else {
            throw CLIError(code: "UnknownGate", "unknown feature gate \"\(gate)\"; known: \(knownGates.joined(separator: ", "))", exitCode: 2)
        }
        try await cluster.withClient { client, namespace in
            _ = try await CLIFailure.translate(notFound: "policy \"\(policy)\" not found in namespace \(namespace)") {
                try await Api<SympoziumPolicy>(client, namespace: namespace).patch(
                    policy, .merge(["spec": ["featureGates": .object([gate: .bool(enabled)])]]))
            }
            Console.write("\(gate) \(enabled ? "enabled" : "disabled") in policy \(policy)\n")
        }
    }
}

struct FeaturesList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List a policy's feature gates.")

    @OptionGroup var cluster: ClusterOptions

    @Option(help: "The SympoziumPolicy.")
    var policy: String

    func run() async throws {
        try await cluster.withClient { client, namespace in
            let object = try await CLIFailure.translate(notFound: "policy \"\(policy)\" not found in namespace \(namespace)") {
                try await Api<SympoziumPolicy>(client, namespace: namespace).get(policy)
            }
            let gates = FeaturesCommand.knownGates.map { gate in [gate, object.spec.featureGates[gate].map { $0 ? "enabled" : "disabled" } ?? "unset"] }
            let others = object.spec.featureGates.keys.filter { !FeaturesCommand.knownGates.contains($0) }.sorted()
                .map { [$0, object.spec.featureGates[$0] == true ? "enabled" : "disabled"] }
            Console.write(ObjectPrinter.table(headers: ["FEATURE", "STATE"], rows: gates + others))
        }
    }
}

struct FeaturesEnable: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "enable", abstract: "Enable a feature gate.")

    @OptionGroup var cluster: ClusterOptions
    @Argument(help: "The feature gate.") var gate: String
    @Option(help: "The SympoziumPolicy.") var policy: String

    func run() async throws { try await FeaturesCommand.set(gate, to: true, policy: policy, cluster: cluster) }
}

struct FeaturesDisable: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "disable", abstract: "Disable a feature gate.")

    @OptionGroup var cluster: ClusterOptions
    @Argument(help: "The feature gate.") var gate: String
    @Option(help: "The SympoziumPolicy.") var policy: String

    func run() async throws { try await FeaturesCommand.set(gate, to: false, policy: policy, cluster: cluster) }
}
