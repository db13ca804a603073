import ArgumentParser
import Controllers
import Foundation
import KubeClient
import KubeRuntime
import Logging
import ServiceLifecycle

struct ControllerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "controller",
        abstract: "Run the Sympozium controller manager against a Kubernetes API server.",
        discussion: """
            Reconciles SympoziumInstances, AgentRuns, SympoziumPolicies, SkillPacks and \
            SympoziumSchedules. In a pod it uses its service account; elsewhere KUBECONFIG or \
            ~/.kube/config. With several replicas, --leader-elect makes one of them work at a time.
            Serves /healthz, /readyz and /metrics on --health-port.

            Images and the event bus URL come from SYMPOZIUM_IMAGE_REGISTRY, SYMPOZIUM_IMAGE_TAG \
            and SYMPOZIUM_EVENT_BUS_URL, or the flags below.

            Example:
              sympozium controller --kubeconfig ~/.sympozium/kubeconfig
            """)

    @Option(help: ArgumentHelp("Path of a kubeconfig file (default: in-cluster, then KUBECONFIG).", valueName: "path"))
    var kubeconfig: String?

    @Option(help: "Context of the kubeconfig to use (default: its current context).")
    var context: String?

    @Flag(inversion: .prefixedNo, help: "Elect one active replica through a Lease.")
    var leaderElect = false

    @Option(help: "Namespace of the leader-election Lease.")
    var leaderElectionNamespace = "sympozium-system"

    @Option(help: "Port of /healthz, /readyz and /metrics (0 disables them).")
    var healthPort = 8081

    @Option(help: "Reconciles at once per controller.")
    var concurrency = 4

    @Option(help: "Registry of Sympozium's images.")
    var imageRegistry: String?

    @Option(help: "Tag of Sympozium's images.")
    var imageTag: String?

    @Option(help: "URL agent pods and channels use to reach the event bus.")
    var eventBusURL: String?

    @Option(help: "Log level: trace, debug, info, notice, warning, error.")
    var logLevel = "info"

    func validate() throws {
        guard (0...65535).contains(healthPort) else { throw ValidationError("--health-port must be between 0 and 65535") }
        guard concurrency >= 1 else { throw ValidationError("--concurrency must be at least 1") }
        try LogLevelOption.validate(logLevel)
    }

    func run() async throws {
        var configured = Logger(label: "sympozium.controller")
        configured.logLevel = Logger.Level(rawValue: logLevel) ?? .info
        let logger = configured
        var clientConfiguration: ClientConfiguration
        if let kubeconfig {
            clientConfiguration = try ClientConfiguration.fromKubeconfig(paths: [kubeconfig], context: context)
        } else if let context {
            clientConfiguration = try ClientConfiguration.fromKubeconfig(paths: Kubeconfig.defaultPaths(), context: context)
        } else {
            clientConfiguration = try ClientConfiguration.infer()
        }
        clientConfiguration.decodesManagedFields = false  // controllers never read them
        let client = try KubeClient(clientConfiguration, logger: logger)
        var configuration = ControllerManager.Configuration()
        var settings = ControllerSettings.fromEnvironment()
        if let imageRegistry { settings.imageRegistry = imageRegistry }
        if let imageTag { settings.imageTag = imageTag }
        if let eventBusURL { settings.eventBusURL = eventBusURL }
        configuration.settings = settings
        configuration.concurrency = concurrency
        if leaderElect {
            configuration.leaderElection = LeaderElectionConfiguration(leaseName: "sympozium-controller", namespace: leaderElectionNamespace)
        }
        let metrics = ControllerMetrics()
        var services: [any ServiceLifecycle.Service] = [
            ControllerManager(client: client, configuration: configuration, metrics: metrics, logger: logger)
        ]
        if healthPort != 0 {
            services.append(HealthServer.application(port: healthPort, metrics: metrics, logger: logger))
        }
        try await ServiceRunner.run(services, client: client, logger: logger)
    }
}
