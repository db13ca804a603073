import ArgumentParser
import Foundation
import KubeClient
import Logging
import ServiceLifecycle
import Synchronization

/// `sympozium` with no subcommand (or `sympozium tui`): the k9s-style
/// terminal UI.
struct TUICommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tui", abstract: "Open the interactive terminal UI (what `sympozium` with no command does).",
        discussion: """
            Views 1–7: instances, runs, policies, skills, channels, pods, schedules, kept current by watches. \
            Keys: Tab/Shift-Tab or 1–7 switch views, j/k move, Enter opens, l logs, d describe, x delete, \
            r refresh, / command (/run, /schedule, /memory, /delete, /ns, ...), ? help, q quit. \
            Colour only on a terminal and never with NO_COLOR set.
            """)

    @OptionGroup var cluster: ClusterOptions

    func run() async throws {
        guard TUITerminal.isInteractive else {
            throw CLIError(
                code: "NoTerminal",
                "the interactive UI needs a terminal (standard input and output must be a TTY); see `sympozium --help` for the commands")
        }
        let (client, namespace) = try cluster.connect()
        do {
            try await Self.checkReachable(client)
        } catch {
            try? await client.shutdown()
            throw error
        }
        let context = cluster.context ?? Self.serverName(client.configuration.server)
        let app = TUIApp(
            client: client, context: context, namespace: namespace, allNamespaces: cluster.allNamespaces, terminal: TUITerminal(),
            style: TUIStyle.forTerminal())
        do {
            let service = ServiceGroupConfiguration.ServiceConfiguration(service: app, successTerminationBehavior: .gracefullyShutdownGroup)
            let group = ServiceGroup(configuration: ServiceGroupConfiguration(services: [service], logger: TUIQuietLogger.make("sympozium.tui")))
            try await group.run()
        } catch let error as TUIError {
            await Self.shutdown(client)
            throw CLIError(code: error.code, error.message)
        } catch {
            await Self.shutdown(client)
            throw error
        }
        await Self.shutdown(client)
        let signal = app.endingSignal.load(ordering: .sequentiallyConsistent)
        if signal != 0 { throw ExitCode(128 + signal) }
    }

    /// Fails with a clear message, before the screen changes, when the API server does not answer.
    static func checkReachable(_ client: KubeClient) async throws {
        var request = KubeRequest(path: "/version")
        request.timeout = .seconds(10)
        do {
            _ = try await client.send(request)
        } catch let error as KubeAPIError where error.isUnauthorized || error.isForbidden {
            throw CLIError(code: "Unauthorized", "the cluster at \(client.configuration.server.absoluteString) refused the credentials: \(error.message)")
        } catch let error as KubeAPIError where error.isNotFound {
            return  // A server without /version still serves the API.
        } catch {
            throw CLIError(
                code: "ClusterUnreachable",
                "cannot reach the cluster at \(client.configuration.server.absoluteString): \((error as? KubeClientError)?.message ?? TUIApp.describe(error)). "
                    + "Start one with `sympozium up`, or pass --kubeconfig / --context.")
        }
    }

    /// Shuts the client down, waiting at most `limit`: after cancelled watches
    /// the HTTP client can take seconds to close its connections, and the
    /// process is about to exit anyway.
    static func shutdown(_ client: KubeClient, limit: Duration = .milliseconds(500)) async {
        let resumed = Mutex(false)
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let resumeOnce: @Sendable () -> Void = {
                if resumed.withLock({ done in defer { done = true }; return !done }) { continuation.resume() }
            }
            Task {
                try? await client.shutdown()
                resumeOnce()
            }
            Task {
                try? await Task.sleep(for: limit)
                resumeOnce()
            }
        }
    }

    static func serverName(_ url: URL) -> String {
        guard let host = url.host else { return url.absoluteString }
        return url.port.map { "\(host):\($0)" } ?? host
    }
}
