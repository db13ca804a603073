import Foundation
import Logging

/// `sympozium-tool-executor`.
public enum ToolExecutorCommand {
    public static let usage = """
        usage: sympozium-tool-executor [--help]

        Runs in a skill sidecar. Watches /ipc/tools for exec-request-<id>.json files
        (written by the agent runner's execute_command tool), claims each one
        atomically (mkdir /ipc/tools/.claim-<id>), runs it with /bin/sh -c in its
        working directory with the timeout clamped to 1-120 seconds, cuts stdout and
        stderr at 50 KB each, writes exec-result-<id>.json atomically, and exits when
        /ipc/done appears (or on SIGTERM/SIGINT).

        Environment:
          SYMPOZIUM_IPC_DIR        the shared IPC directory (default /ipc)
          SYMPOZIUM_WORKSPACE_DIR  where /workspace is (default /workspace)
          SYMPOZIUM_TMP_DIR        where /tmp is (default /tmp)
          SYMPOZIUM_SKILL_PACK     claim only requests whose target is empty or this name
          TOOL_SHELL               the shell (default /bin/sh)
          LOG_LEVEL                trace|debug|info|notice|warning|error (default info)

        The protocol is described in docs/ipc-protocol.md.
        """

    public static func main(
        arguments: [String], environment: [String: String], handleSignals: Bool = false,
        standardOutput: @escaping @Sendable (String) -> Void = RunOutput.writeToStandardOutput
    ) async -> Int32 {
        if arguments.contains("--help") || arguments.contains("-h") {
            standardOutput(usage + "\n")
            return 0
        }
        var logger = Logger(label: "sympozium.tool-executor")
        logger.logLevel = LogSetup.level(environment)
        if let run = environment["AGENT_RUN_ID"] { logger[metadataKey: "agent.run"] = "\(run)" }
        let executor = ToolExecutor(configuration: ToolExecutor.Configuration(environment: environment), logger: logger)
        let task = Task { try await executor.run() }
        let signals = handleSignals ? SignalCancellation { task.cancel() } : nil
        defer { signals?.stop() }
        do {
            try await withTaskCancellationHandler { try await task.value } onCancel: { task.cancel() }
            return 0
        } catch {
            logger.error("tool executor failed", metadata: ["error": "\(error)"])
            return 1
        }
    }
}
