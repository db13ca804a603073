import ArgumentParser
import Foundation
import KubeClient
import KubeModel
import SympoziumAPI

struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a task as an AgentRun of an instance and print its result.",
        discussion: """
            Creates an AgentRun (generateName <instance>-run-) for the instance and, with --wait (the \
            default), follows it until it finishes: prints the result and exits 0 when it succeeded, \
            prints the error and exits 1 when it failed. Model, provider and base URL default to the \
            instance's.

            Example:
              sympozium run "summarise the open issues" --instance my-agent
            """)

    @Argument(help: "What the agent should do.")
    var task: String

    @Option(help: "The SympoziumInstance to run as.")
    var instance: String

    @Option(help: "Model name (default: the instance's).")
    var model: String?

    @Option(help: "Provider: openai, anthropic, ollama... (default: the instance's first auth reference).")
    var provider: String?

    @Option(help: "Base URL of an OpenAI-compatible API (default: the instance's).")
    var baseURL: String?

    @Option(name: .shortAndLong, help: "Namespace of the instance.")
    var namespace: String?

    @Option(help: ArgumentHelp("Path of a kubeconfig file (default: KUBECONFIG, then ~/.sympozium/kubeconfig).", valueName: "path"))
    var kubeconfig: String?

    @Option(help: "Give up waiting after this many seconds.")
    var timeout: Int = 600

    @Flag(inversion: .prefixedNo, help: "Wait for the run to finish and print its result.")
    var wait = true

    func run() async throws {
        let paths: [String]
        if let kubeconfig {
            paths = [kubeconfig]
        } else if let environment = ProcessInfo.processInfo.environment["KUBECONFIG"], !environment.isEmpty {
            paths = environment.split(separator: ":").map(String.init)
        } else {
            paths = [(UpCommand.defaultDataDirectory() as NSString).appendingPathComponent("kubeconfig")]
        }
        let configuration = try ClientConfiguration.fromKubeconfig(paths: paths)
        let namespace = self.namespace ?? configuration.defaultNamespace
        try await withKubeClient(configuration) { client in
            let instance = try await Api<SympoziumInstance>(client, namespace: namespace).get(self.instance)
            let created = try await Api<AgentRun>(client, namespace: namespace).create(agentRun(for: instance, namespace: namespace))
            let name = created.metadata.name ?? ""
            Console.write("agentrun.sympozium.ai/\(name) created\n")
            guard wait else { return }
            let finished = try await follow(name, api: Api<AgentRun>(client, namespace: namespace))
            if finished.status?.phase == .succeeded {
                Console.write((finished.status?.result ?? "") + "\n")
            } else {
                throw RunFailed(message: "\(name) failed: \(finished.status?.error ?? "no error reported")")
            }
        }
    }

    func agentRun(for instance: SympoziumInstance, namespace: String) -> AgentRun {
        AgentRun.task(
            task, for: instance, namespace: namespace,
            overrides: AgentRunOverrides(model: model, provider: provider, baseURL: baseURL))
    }

    private func follow(_ name: String, api: Api<AgentRun>) async throws -> AgentRun {
        let deadline = ContinuousClock.now + .seconds(timeout)
        var lastPhase: AgentRunPhase?
        while ContinuousClock.now < deadline {
            let run = try await api.get(name)
            if let phase = run.status?.phase, phase != lastPhase {
                lastPhase = phase
                Console.write("\(name): \(phase.rawValue)\n")
            }
            if run.status?.phase?.isTerminal == true { return run }
            try await Task.sleep(for: .milliseconds(250))
        }
        throw RunFailed(message: "\(name) did not finish within \(timeout)s")
    }

    struct RunFailed: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }
}
