import ArgumentParser
import EmbeddedCluster
import Foundation
import Logging
import ServiceLifecycle

struct UpCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "up",
        abstract: "Run Sympozium on this machine, with no cluster.",
        discussion: """
            Starts a Kubernetes-compatible API server backed by SQLite in --data-dir and writes \
            <data-dir>/kubeconfig for kubectl. Objects survive restarts. Stop with Ctrl-C.

            Example:
              sympozium up --data-dir ~/.sympozium
              KUBECONFIG=~/.sympozium/kubeconfig kubectl get namespaces
            """)

    @Option(name: .long, help: ArgumentHelp("Directory for the database, tokens and kubeconfig.", valueName: "dir"))
    var dataDir: String = defaultDataDirectory()

    @Option(name: .long, help: "Port of the API server on 127.0.0.1 (0 picks a free port).")
    var port: Int = 6443

    @Flag(inversion: .prefixedNo, help: "Serve HTTPS with a self-generated CA (kubectl sends tokens only over TLS).")
    var tls = true

    @Option(name: .long, help: "Log level: trace, debug, info, notice, warning, error.")
    var logLevel: String = "info"

    static func defaultDataDirectory() -> String {
        let home = ProcessInfo.processInfo.environment["HOME"] ?? "."
        return "\(home)/.sympozium"
    }

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
        guard Logger.Level(rawValue: logLevel) != nil else {
            throw ValidationError("--log-level must be one of trace, debug, info, notice, warning, error, critical")
        }
    }

    func run() async throws {
        var configured = Logger(label: "sympozium.up")
        configured.logLevel = Logger.Level(rawValue: logLevel) ?? .info
        let logger = configured
        let directory = URL(fileURLWithPath: (dataDir as NSString).expandingTildeInPath)
        var configuration = EmbeddedAPIServer.Configuration(dataDirectory: directory, port: port)
        configuration.tls = tls
        let server = try await EmbeddedAPIServer.open(configuration, logger: logger)
        let services = try server.services(onListening: { boundPort in
            do {
                let kubeconfig = try server.writeKubeconfig(port: boundPort)
                Console.write("""
                    Sympozium control plane is up on \(server.serverURL(port: boundPort))
                      kubeconfig: \(kubeconfig.path)
                    Next:
                      export KUBECONFIG=\(kubeconfig.path)
                      kubectl get namespaces

                    """)
            } catch {
                logger.error("cannot write kubeconfig", metadata: ["error": "\(error)"])
            }
        })
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: services.map { ServiceGroupConfiguration.ServiceConfiguration(service: $0) },
                gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }
}
