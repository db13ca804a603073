import Admission
import ArgumentParser
import Controllers
import EmbeddedCluster
import Foundation
import KubeClient
import KubeModel
import LocalNode
import Logging
import KubeRuntime
import ServiceLifecycle
import SympoziumAPI

struct UpCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "up",
        abstract: "Run Sympozium on this machine, with no cluster.",
        discussion: """
            Starts, in one process: a Kubernetes-compatible API server backed by SQLite in --data-dir \
            (it writes <data-dir>/kubeconfig for kubectl), the sympozium.ai CRDs, the Sympozium \
            controllers, Job and Deployment controllers, a local node that runs pods as \
            bubblewrap sandboxes (/usr/bin/bwrap), and Sympozium's HTTP/WebSocket API on \
            127.0.0.1:--api-port (see `sympozium apiserver --help`). Objects survive restarts. Stop \
            with Ctrl-C: every pod's processes are stopped with it.

            Images: a pod's container images must map to local programs. Sympozium's own images \
            (agent-runner, ipc-bridge, tool-executor, skill-* sidecars, channel-*) map to the \
            sympozium-* executables next to this one (or on PATH). Add mappings in \
            <data-dir>/images.json, a JSON object {"image or prefix*": "program"}, or with \
            --image IMAGE=PROGRAM. The program "host" runs the container's command from the host's \
            (read-only) filesystem: --image busybox:1.36=host. A pod whose image is not mapped fails \
            with ErrImagePull.

            Example:
              sympozium up --data-dir ~/.sympozium
              KUBECONFIG=~/.sympozium/kubeconfig kubectl get namespaces
            """)

    @Option(name: .long, help: ArgumentHelp("Directory for the database, tokens, kubeconfig and pods.", valueName: "dir"))
    var dataDir: String = defaultDataDirectory()

    @Option(name: .long, help: "Port of the API server on 127.0.0.1 (0 picks a free port).")
    var port: Int = 6443

    @Flag(inversion: .prefixedNo, help: "Serve HTTPS with a self-generated CA (kubectl sends tokens only over TLS).")
    var tls = true

    @Flag(inversion: .prefixedNo, help: "Run the controllers and the local node (--no-node: only the API server).")
    var node = true

    @Option(name: .long, help: ArgumentHelp("Map an image to a local program (repeatable).", valueName: "image=program"))
    var image: [String] = []

    @Option(name: .long, help: ArgumentHelp(
        "nats-server to run as the event bus (default: found in /usr/sbin, /usr/bin, /usr/local/bin; without one, an in-process bus).",
        valueName: "path"))
    var natsServer: String?

    @Option(name: .long, help: ArgumentHelp(
        "Port of Sympozium's HTTP/WebSocket API on 127.0.0.1 (default 8090, or a free port when 8090 is taken; 0 picks a free port). SYMPOZIUM_API_TOKEN, when set, is its bearer token.",
        valueName: "port"))
    var apiPort: Int?

    @Option(name: .long, help: "Log level: trace, debug, info, notice, warning, error.")
    var logLevel: String = "info"

    static func defaultDataDirectory() -> String {
        let home = ProcessInfo.processInfo.environment["HOME"] ?? "."
        return "\(home)/.sympozium"
    }

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
        if let apiPort, !(0...65535).contains(apiPort) { throw ValidationError("--api-port must be between 0 and 65535") }
        try LogLevelOption.validate(logLevel)
        var map = ImageMap()
        do { try map.add(flags: image) } catch let error as NodeError { throw ValidationError(error.message) }
    }

    func run() async throws {
        var configured = Logger(label: "sympozium.up")
        configured.logLevel = Logger.Level(rawValue: logLevel) ?? .info
        let logger = configured
        let directory = URL(fileURLWithPath: (dataDir as NSString).expandingTildeInPath)
        var configuration = EmbeddedAPIServer.Configuration(dataDirectory: directory, port: port)
        configuration.tls = tls
        var settings = ControllerSettings.fromEnvironment()
        // The same policy engine as the cluster's admission webhook, in the API server itself.
        let admission = AdmissionChain(plugins: [
            PolicyAdmissionPlugin(engine: PolicyEngine(configuration: .init(defaultSandboxImage: settings.defaultSandboxImage)))
        ])
        let server = try await EmbeddedAPIServer.open(configuration, admission: admission, logger: logger)
        let eventBus = try await node ? EmbeddedEventBus.start(dataDirectory: directory, executable: natsServer, logger: logger) : nil
        if let eventBus { settings.eventBusURL = eventBus.url }
        let managerSettings = settings
        let localNode = try node ? makeNode(directory: directory, server: server, logger: logger) : nil
        let (ports, portSink) = AsyncStream<Int>.makeStream()
        let (apiPorts, apiPortSink) = AsyncStream<Int>.makeStream()
        var services = try server.services(
            logSource: localNode?.logSource,
            onListening: { boundPort in
                do {
                    let kubeconfig = try server.writeKubeconfig(port: boundPort)
                    portSink.yield(boundPort)
                    apiPortSink.yield(boundPort)
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
        // Services shut down last to first: the bus outlives the controllers that publish to it.
        if let natsService = eventBus?.service { services.append(natsService) }
        if let localNode {
            services.append(
                ClientServices(ports: ports, kubeconfig: directory.appending(path: "kubeconfig"), logger: logger) { client, boundPort in
                    try await Self.installCRDs(client: client, logger: logger)
                    var managerConfiguration = ControllerManager.Configuration()
                    managerConfiguration.settings = managerSettings
                    managerConfiguration.eventBus = eventBus?.bus
                    // A Lease even with one replica: `sympozium doctor` sees who leads.
                    managerConfiguration.leaderElection = LeaderElectionConfiguration(
                        leaseName: "sympozium-controller", namespace: SympoziumGroup.systemNamespace)
                    return [ControllerManager(client: client, configuration: managerConfiguration, logger: logger)]
                        + localNode.services(client: client, apiServerPort: boundPort)
                })
        }
        // Last, so it stops first: no request reaches controllers or a bus that are
        // stopping, and its stream subscriptions end before the bus closes.
        services.append(
            try apiServices(ports: apiPorts, kubeconfig: directory.appending(path: "kubeconfig"), eventBus: eventBus?.bus, logger: logger))
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: services.map { ServiceGroupConfiguration.ServiceConfiguration(service: $0) },
                gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }

    private func makeNode(directory: URL, server: EmbeddedAPIServer, logger: Logger) throws -> LocalNode {
        var nodeConfiguration = LocalNodeConfiguration(directory: directory.appending(path: "node"), hiddenPaths: [directory.path])
        var map = ImageMap()
        try map.load(file: directory.appending(path: "images.json"))
        try map.add(flags: image)
        nodeConfiguration.imageMap = map
        nodeConfiguration.caCertificatePEM = server.certificates?.caCertificatePEM
        nodeConfiguration.apiServerPort = port
        return LocalNode(configuration: nodeConfiguration, logger: logger)
    }

    /// Creates the sympozium.ai CRDs that are missing, so `kubectl apply` of an AgentRun works right away.
    static func installCRDs(client: KubeClient, logger: Logger) async throws {
        let api = Api<CustomResourceDefinition>(client)
        for definition in SympoziumKinds.customResourceDefinitions {
            guard let name = definition.metadata.name, try await api.getIfExists(name) == nil else { continue }
            do {
                _ = try await api.create(definition)
                logger.info("installed CRD", metadata: ["k8s.kind": "CustomResourceDefinition", "k8s.name": "\(name)"])
            } catch let error as KubeAPIError where error.isAlreadyExists {}
        }
    }
}
