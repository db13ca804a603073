import ArgumentParser
import Foundation

/// The `sympozium` command.
public struct SympoziumCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "sympozium",
        abstract: "Kubernetes-native control plane for AI agents.",
        discussion: """
            Every agent run is an ephemeral Pod, every policy a CRD. `sympozium up` runs the control \
            plane on this machine with no cluster; `sympozium manifests crds` generates the \
            CustomResourceDefinitions of the sympozium.ai/v1alpha1 API.
            """,
        version: BuildInfo.summary,
        subcommands: [TUICommand.self, VersionCommand.self, ManifestsCommand.self, UpCommand.self, RunCommand.self, ControllerCommand.self, WebhookCommand.self,
            ResourceCommand<Instances>.self, RunsCommand.self, ResourceCommand<Policies>.self,
            ResourceCommand<Skills>.self, ResourceCommand<Schedules>.self, ScheduleCommand.self, MemoryCommand.self,
            FeaturesCommand.self, DoctorCommand.self, InstallCommand.self, UninstallCommand.self,
            OnboardCommand.self],
        defaultSubcommand: TUICommand.self
    )

    public init() {}
}

extension SympoziumCommand {
    /// Parses the process arguments and runs the chosen command, awaiting it
    /// when it is asynchronous; exits with the command's status.
    public static func runMain() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let error as CLIError {
            Console.error("error: \(error.message)\n")
            Foundation.exit(error.exitCode)
        } catch {
            exit(withError: error)
        }
    }
}
