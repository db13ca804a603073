import ArgumentParser
import Foundation

/// The `sympozium` command.
public struct SympoziumCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "sympozium",
        abstract: "Kubernetes-native control plane for AI agents.",
        discussion: """
            Every agent run is an ephemeral Pod, every policy a CRD. With no arguments, sympozium opens \
            the interactive TUI.

            Get started on this machine (no cluster):  sympozium up, then sympozium onboard
            On a cluster:                               sympozium install, then sympozium onboard
            Check a setup:                              sympozium doctor

            Resource commands take --kubeconfig, --context, -n/--namespace, -A/--all-namespaces and \
            -o table|json|yaml|name. Colour is used only on a terminal and never with NO_COLOR set.
            Exit codes: 0 success; 1 the operation failed (the reason is on stderr); 64 invalid \
            arguments; 2 an unknown name was given where a fixed set is expected.
            """,
        version: BuildInfo.summary,
        subcommands: [TUICommand.self, VersionCommand.self, ManifestsCommand.self, UpCommand.self, RunCommand.self, ControllerCommand.self, WebhookCommand.self, APIServerCommand.self,
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
