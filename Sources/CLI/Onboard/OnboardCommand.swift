import ArgumentParser
import Foundation
import KubeClient
import KubeModel
import SympoziumAPI

struct OnboardCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "onboard",
        abstract: "Set up a first SympoziumInstance: provider, key, channel and policy.",
        discussion: """
            Interactive by default, in five steps: cluster check, instance name, AI provider (its key is \
            stored in a Secret), an optional chat channel, and the default policy. With --non-interactive \
            every answer comes from the flags (for scripts); missing required flags are an error.

            Example:
              sympozium onboard
              sympozium onboard --non-interactive --instance alice --provider openai --api-key-env OPENAI_API_KEY
            """)

    @OptionGroup var cluster: ClusterOptions

    @Flag(help: "Take every answer from flags; never prompt.")
    var nonInteractive = false

    @Option(help: "Name of the SympoziumInstance.")
    var instance: String?

    @Option(help: "openai, anthropic, azure-openai, ollama or custom.")
    var provider: String?

    @Option(help: "Model name (default: the provider's).")
    var model: String?

    @Option(help: "Base URL of the provider (Azure, Ollama, OpenAI-compatible).")
    var baseURL: String?

    @Option(help: "The provider's API key (prefer --api-key-env: flags show in process lists).")
    var apiKey: String?

    @Option(help: "Environment variable holding the API key.")
    var apiKeyEnv: String?

    @Option(help: "telegram, slack, discord or whatsapp (none when omitted).")
    var channel: String?

    @Option(help: "Environment variable holding the channel's bot token.")
    var channelTokenEnv: String?

    @Option(help: "Environment variable holding Slack's app-level token (xapp-…, for Socket Mode).")
    var channelAppTokenEnv: String?

    @Option(help: "Name of the default policy to apply and bind; \"none\" for no policy.")
    var policy = "default-policy"

    func run() async throws {
        try await cluster.withClient { client, namespace in
            let steps = OnboardSteps(client: client, namespace: namespace, prompter: Prompter(), interactive: !nonInteractive)
            Console.write(steps.interactive ? OnboardSteps.banner : "")
            try await steps.checkCluster()
            let plan = try await steps.plan(from: self)
            let applier = ManifestApplier(client: client, fieldManager: "sympozium-onboard", force: true, defaultNamespace: namespace)
            for object in try plan.objects() {
                _ = try await CLIFailure.translate { try await applier.apply([object]) }
                Console.write("  \(object["kind"]?.stringValue ?? "") \(object["metadata"]?["name"]?.stringValue ?? "") applied\n")
            }
            Console.write("""

                Instance \(plan.instance) is ready in namespace \(namespace).
                Next:
                  sympozium run "say hello" --instance \(plan.instance)
                  sympozium            (the TUI)

                """)
        }
    }
}
