import Foundation
import KubeClient
import KubeModel
import SympoziumAPI

/// The five steps of `sympozium onboard`; each answer comes from a flag or,
/// interactively, from a prompt.
struct OnboardSteps: Sendable {
    let client: KubeClient
    let namespace: String
    let prompter: Prompter
    let interactive: Bool

    static let banner = """

          ╔═══════════════════════════════════════════╗
          ║       Sympozium · Onboarding Wizard       ║
          ╚═══════════════════════════════════════════╝

        """

    func step(_ number: Int, _ title: String) {
        if interactive { Console.write("\n  Step \(number)/5 — \(title)\n") }
    }

    func checkCluster() async throws {
        step(1, "Cluster check")
        do {
            _ = try await client.send(KubeRequest(path: "/version"))
        } catch {
            throw CLIError(code: "NoCluster", "the cluster does not answer: \(error). Start one with `sympozium up` or check KUBECONFIG")
        }
        guard (try? await Discovery(client: client).resource(for: SympoziumInstance.groupVersionKind)) != nil else {
            throw CLIError(code: "NotInstalled", "the sympozium.ai CRDs are not installed: run `sympozium install` (or use `sympozium up`)")
        }
        if interactive { Console.write("  ✓ the cluster answers and Sympozium's CRDs are installed\n") }
    }

    func plan(from flags: OnboardCommand) async throws -> OnboardPlan {
        step(2, "Name your SympoziumInstance")
        if !interactive, flags.instance == nil {
            throw CLIError(code: "MissingFlag", "--instance is required with --non-interactive", exitCode: 64)
        }
        let name = try await value(flags.instance, flag: "--instance", question: "Instance name", default: "my-agent") {
            Names.isDNSLabel($0) ? nil : "use lower-case letters, digits and '-' (at most 63)"
        }

        step(3, "Choose your AI provider")
        let providerName: String
        if let given = flags.provider {
            providerName = given
        } else if interactive {
            providerName = try await prompter.choose("Provider", ProviderChoice.allCases.map(\.rawValue))
        } else {
            throw CLIError(code: "MissingFlag", "--provider is required with --non-interactive", exitCode: 64)
        }
        guard let provider = ProviderChoice(rawValue: providerName) else {
            throw CLIError(code: "UnknownProvider", "unknown provider \"\(providerName)\"; choose \(ProviderChoice.allCases.map(\.rawValue).joined(separator: ", "))", exitCode: 64)
        }
        let model = try await value(flags.model, flag: "--model", question: "Model", default: provider.defaultModel)
        var baseURL = flags.baseURL
        if baseURL == nil, provider.needsBaseURL {
            baseURL = try await value(nil, flag: "--base-url", question: "Base URL", default: provider.defaultBaseURL ?? "") {
                URL(string: $0)?.scheme?.hasPrefix("http") == true ? nil : "enter an http(s) URL"
            }
        }
        var apiKey: String?
        if let variable = provider.keyVariable {
            if let given = flags.apiKey {
                apiKey = given
            } else if let env = flags.apiKeyEnv {
                guard let fromEnvironment = ProcessInfo.processInfo.environment[env], !fromEnvironment.isEmpty else {
                    throw CLIError(code: "MissingKey", "the environment variable \(env) is empty", exitCode: 64)
                }
                apiKey = fromEnvironment
            } else if interactive {
                apiKey = try await prompter.ask("\(variable) (stored in a Secret)", secret: true) { $0.isEmpty ? "the key cannot be empty" : nil }
            } else {
                throw CLIError(code: "MissingFlag", "--api-key-env (or --api-key) is required for \(provider.rawValue)", exitCode: 64)
            }
        }

        step(4, "Connect a channel (optional)")
        var channel: ChannelChoice?
        var token: String?
        var appToken: String?
        if let given = flags.channel {
            guard let choice = ChannelChoice(rawValue: given) else {
                throw CLIError(code: "UnknownChannel", "unknown channel \"\(given)\"; choose telegram, slack, discord or whatsapp", exitCode: 64)
            }
            channel = choice
        } else if interactive {
            let answer = try await prompter.choose("Channel", ["none"] + ChannelChoice.allCases.map(\.rawValue))
            channel = ChannelChoice(rawValue: answer)
        }
        if let channel {
            if let env = flags.channelTokenEnv, let value = ProcessInfo.processInfo.environment[env], !value.isEmpty {
                token = value
            } else if interactive {
                token = try await prompter.ask("\(channel.tokenVariable)", secret: true) { $0.isEmpty ? "the token cannot be empty" : nil }
            } else {
                throw CLIError(code: "MissingFlag", "--channel-token-env is required with --channel", exitCode: 64)
            }
            if let variable = channel.appTokenVariable {
                if let env = flags.channelAppTokenEnv, let value = ProcessInfo.processInfo.environment[env], !value.isEmpty {
                    appToken = value
                } else if interactive {
                    appToken = try await prompter.ask(variable, secret: true) { $0.isEmpty ? "the token cannot be empty" : nil }
                } else {
                    throw CLIError(code: "MissingFlag", "--channel-app-token-env is required with --channel \(channel.rawValue)", exitCode: 64)
                }
            }
        }

        step(5, "Apply default policy")
        var policy: String? = flags.policy == "none" ? nil : flags.policy
        if interactive, policy != nil {
            policy = try await prompter.confirm("Apply and bind the default policy \"\(flags.policy)\"?", default: true) ? flags.policy : nil
        }
        return OnboardPlan(
            namespace: namespace, instance: name, provider: provider, model: model, baseURL: baseURL?.isEmpty == true ? nil : baseURL,
            apiKey: apiKey, channel: channel, channelToken: token, channelAppToken: appToken, policy: policy)
    }

    private func value(
        _ given: String?, flag: String, question: String, default fallback: String, validate: (String) -> String? = { _ in nil }
    ) async throws -> String {
        if let given {
            if let problem = validate(given) { throw CLIError(code: "InvalidFlag", "\(flag) \"\(given)\": \(problem)", exitCode: 64) }
            return given
        }
        guard interactive else { return fallback }
        return try await prompter.ask(question, default: fallback, validate: validate)
    }
}
