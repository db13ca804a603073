import APIServer
import ArgumentParser
import EventBus
import Foundation
import KubeClient
import Logging
import ServiceLifecycle

struct APIServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apiserver",
        abstract: "Serve Sympozium's HTTP + WebSocket API.",
        discussion: """
            JSON over HTTP under /api/v1 (every route takes ?namespace=, default -n or the context's):
              GET/POST        /api/v1/instances        GET/DELETE /api/v1/instances/{name}
              GET/POST        /api/v1/runs?instance=   GET/DELETE /api/v1/runs/{name}
              GET/POST        /api/v1/schedules        GET/DELETE /api/v1/schedules/{name}
              GET             /api/v1/policies[/{name}], /api/v1/skills[/{name}], /api/v1/namespaces
              GET             /api/v1/pods?instance=, /api/v1/pods/{name}/logs?container=&tailLines=
            POST /api/v1/runs takes an AgentRun or {"instance": "...", "task": "...", "model": "..."}.
            GET /ws/stream (WebSocket; ?instance=, ?run=, ?topic=) sends event-bus events as JSON \
            frames and accepts {"type": "run", "instance": "...", "task": "..."} to start a run.
            /healthz and /readyz (the Kubernetes API answers) need no token.

            With a token (--token-file, or SYMPOZIUM_API_TOKEN), every other request needs \
            Authorization: Bearer <token>. Without one the API is open to anyone who reaches it.
            Errors are {"code": "...", "message": "..."} with the HTTP status.

            Example:
              SYMPOZIUM_API_TOKEN=s3cret sympozium apiserver --kubeconfig ~/.sympozium/kubeconfig
              curl -H "Authorization: Bearer s3cret" http://127.0.0.1:8080/api/v1/runs
            """)

    @OptionGroup var cluster: ClusterOptions

    @Option(help: "Address to listen on (0.0.0.0 for every interface).")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on (0 picks a free port).")
    var port = APIServerConfiguration.defaultPort

    @Option(help: ArgumentHelp("File holding the bearer token clients must send (default: SYMPOZIUM_API_TOKEN).", valueName: "path"))
    var tokenFile: String?

    @Option(help: "NATS URL of the event bus /ws/stream forwards (default: SYMPOZIUM_EVENT_BUS_URL; without one, /ws/stream answers 503).")
    var eventBusURL: String?

    @Option(help: "Log level: trace, debug, info, notice, warning, error.")
    var logLevel = "info"

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
        guard !cluster.allNamespaces else { throw ValidationError("--all-namespaces does not apply to apiserver; use -n for the default namespace") }
        try LogLevelOption.validate(logLevel)
    }

    func run() async throws {
        var configured = Logger(label: "sympozium.api")
        configured.logLevel = Logger.Level(rawValue: logLevel) ?? .info
        let logger = configured
        let environment = ProcessInfo.processInfo.environment
        let token = try Self.token(file: tokenFile, environment: environment)
        // Answers leave out managedFields: bookkeeping no API client needs.
        let (client, namespace) = try cluster.connect(managedFields: false)
        var services: [any ServiceLifecycle.Service] = []
        var bus: (any EventBus)?
        if let url = eventBusURL ?? environment["SYMPOZIUM_EVENT_BUS_URL"], !url.isEmpty {
            do {
                let connected = try await EventBusConnection.connect(url: url, name: "sympozium-apiserver", logger: logger)
                bus = connected
                services.append(EventBusShutdown(bus: connected))
            } catch {
                try? await client.shutdown()
                throw error
            }
        } else {
            logger.notice("no event bus URL: /ws/stream answers 503 (set --event-bus-url or SYMPOZIUM_EVENT_BUS_URL)")
        }
        let configuration = APIServerConfiguration(host: host, port: port, token: token, defaultNamespace: namespace)
        // Services stop last to first: the API closes its streams before the bus closes.
        services.append(APIServer(configuration: configuration, client: client, eventBus: bus, logger: logger))
        try await ServiceRunner.run(services, client: client, logger: logger)
    }

    /// The token of --token-file, else of SYMPOZIUM_API_TOKEN; nil when neither is set.
    static func token(file: String?, environment: [String: String]) throws -> APIToken? {
        if let file {
            let text: String
            do {
                text = try String(contentsOfFile: (file as NSString).expandingTildeInPath, encoding: .utf8)
            } catch {
                throw CLIError(code: "TokenUnreadable", "cannot read --token-file \(file): \(error.localizedDescription)")
            }
            guard let token = APIToken(text) else { throw CLIError(code: "EmptyToken", "--token-file \(file) is empty") }
            return token
        }
        guard let text = environment["SYMPOZIUM_API_TOKEN"] else { return nil }
        guard let token = APIToken(text) else { throw CLIError(code: "EmptyToken", "SYMPOZIUM_API_TOKEN is set but empty") }
        return token
    }
}
