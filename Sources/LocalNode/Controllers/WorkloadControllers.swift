import KubeClient
import KubeModel
import KubeRuntime
import Logging
import ServiceLifecycle

/// The Job and Deployment controllers of the embedded cluster, as one Service.
public struct WorkloadControllers: ServiceLifecycle.Service {
    let client: KubeClient
    let concurrency: Int
    let logger: Logger

    public init(client: KubeClient, concurrency: Int = 8, logger: Logger = Logger(label: "sympozium.workloads")) {
        self.client = client
        self.concurrency = concurrency
        self.logger = logger
    }

    public func run() async throws {
        var configuration = ControllerConfiguration(concurrency: concurrency)
        configuration.errorBackoff = Backoff(initial: .milliseconds(100), maximum: .seconds(30))
        var jobs = Controller(Api<Job>(client), configuration: configuration, logger: logger)
        // Each watches only the pods it makes (by the labels it gives them), so
        // neither decodes the other's pod events.
        let jobPods = jobs.owns(Api<Pod>(client), configuration: WatcherConfiguration(labelSelector: "controller-uid"))
        var deployments = Controller(Api<Deployment>(client), configuration: configuration, logger: logger)
        let deploymentPods = deployments.owns(
            Api<Pod>(client), configuration: WatcherConfiguration(labelSelector: DeploymentReconciler.hashLabel))
        let events = EventRecorder(client: client, component: "job-controller", logger: logger)
        let jobReconciler = JobReconciler(client: client, pods: jobPods, events: events)
        let deploymentReconciler = DeploymentReconciler(client: client, pods: deploymentPods)
        let jobController = jobs
        let deploymentController = deployments
        await withDiscardingTaskGroup { group in
            // Jobs carry agent runs; Deployments (channels) are long-lived and can wait.
            group.addTask(priority: .high) { await jobController.run(jobReconciler) }
            group.addTask(priority: .low) { await deploymentController.run(deploymentReconciler) }
        }
    }
}
