import EventBus
import Foundation
import KubeClient
import KubeModel
import KubeRuntime
import Logging
import ServiceLifecycle
import SympoziumAPI

/// The Sympozium control plane: one controller per CRD, run together.
/// With leader election only the leader reconciles; the others stand by.
public struct ControllerManager: ServiceLifecycle.Service {
    public struct Configuration: Sendable {
        public var settings = ControllerSettings()
        /// Reconciles at once per controller.
        public var concurrency = 4
        /// nil: no election (a single replica, or embedded mode).
        public var leaderElection: LeaderElectionConfiguration?
        /// The event bus the routers consume and run outcomes are published on;
        /// nil runs the controllers without routers.
        public var eventBus: (any EventBus)?

        public init() {}
    }

    /// How long an instance's run and pod counts may lag behind.
    static let aggregationDelay: Duration = .milliseconds(500)

    let client: KubeClient
    let configuration: Configuration
    public let metrics: ControllerMetrics
    let logger: Logger

    public init(client: KubeClient, configuration: Configuration = Configuration(), metrics: ControllerMetrics = ControllerMetrics(), logger: Logger = Logger(label: "sympozium.controller")) {
        self.client = client
        self.configuration = configuration
        self.metrics = metrics
        self.logger = logger
    }

    public func run() async throws {
        guard let election = configuration.leaderElection else {
            metrics.leading.store(true, ordering: .relaxed)
            await runControllers()
            return
        }
        let elector = LeaderElector(client: client, configuration: election, logger: logger)
        metrics.ready.store(true, ordering: .relaxed)
        await elector.run {
            metrics.leading.store(true, ordering: .relaxed)
            defer { metrics.leading.store(false, ordering: .relaxed) }
            await runControllers()
        }
    }

    /// Runs every controller until graceful shutdown or cancellation.
    func runControllers() async {
        let settings = configuration.settings
        var options = ControllerConfiguration(concurrency: configuration.concurrency)
        let events = EventRecorder(client: client, component: "sympozium-controller", logger: logger)

        var runController = Controller(Api<AgentRun>(client), configuration: options, logger: logger)
        let jobs = runController.owns(Api<Job>(client))
        let runs = runController.store
        var instanceController = Controller(Api<SympoziumInstance>(client), configuration: options, logger: logger)
        let runReconciler = AgentRunReconciler(
            client: client, settings: settings, events: events, runs: runs, jobs: jobs, instances: instanceController.store,
            gate: AdmissionGate(), bus: configuration.eventBus, logger: logger)

        let deployments = instanceController.owns(Api<Deployment>(client))
        // Runs and agent pods only feed the instance's counts: a burst of them
        // costs one status write, and none lands on a starting run's path.
        let instanceRuns = instanceController.watches(Api<AgentRun>(client), delay: Self.aggregationDelay) { run in
            [ObjectRef(namespace: run.metadata.namespace, name: run.spec.instanceRef)]
        }
        var podWatch = WatcherConfiguration(labelSelector: "\(SympoziumLabel.role)=agent")
        podWatch.pageSize = 500
        let agentPods = instanceController.watches(Api<Pod>(client), configuration: podWatch, delay: Self.aggregationDelay) { pod in
            pod.metadata.labels[SympoziumLabel.instance].map { [ObjectRef(namespace: pod.metadata.namespace, name: $0)] } ?? []
        }
        let instanceReconciler = SympoziumInstanceReconciler(
            client: client, settings: settings, deployments: deployments, runs: instanceRuns, agentPods: agentPods)

        var policyController = Controller(Api<SympoziumPolicy>(client), configuration: options, logger: logger)
        let policyInstances = policyController.watches(Api<SympoziumInstance>(client)) { instance in
            instance.spec.policyRef.map { [ObjectRef(namespace: instance.metadata.namespace, name: $0)] } ?? []
        }
        policyController.owns(Api<NetworkPolicy>(client))
        let policyReconciler = SympoziumPolicyReconciler(client: client, settings: settings, instances: policyInstances)

        var skillController = Controller(Api<SkillPack>(client), configuration: options, logger: logger)
        skillController.owns(Api<ConfigMap>(client), configuration: WatcherConfiguration(labelSelector: SympoziumLabel.skillPack))
        let skillReconciler = SkillPackReconciler(client: client)

        options.generationPredicate = true
        var scheduleController = Controller(Api<SympoziumSchedule>(client), configuration: options, logger: logger)
        // Only the runs schedules made (they carry the schedule label).
        let scheduleRuns = scheduleController.owns(Api<AgentRun>(client), configuration: WatcherConfiguration(labelSelector: SympoziumLabel.schedule))
        let scheduleReconciler = SympoziumScheduleReconciler(client: client, runs: scheduleRuns)

        metrics.ready.store(true, ordering: .relaxed)
        logger.info("controllers starting")
        let controllers = (runController, instanceController, policyController, skillController, scheduleController)
        // Runs are on the path from a request to an agent starting; the other
        // controllers keep status and bookkeeping, and wait when both compete.
        await withTaskGroup(of: Void.self) { group in
            group.addTask(priority: .high) { await controllers.0.run(counting(runReconciler, "agentrun")) }
            group.addTask(priority: .low) { await controllers.1.run(counting(instanceReconciler, "sympoziuminstance")) }
            group.addTask(priority: .low) { await controllers.2.run(counting(policyReconciler, "sympoziumpolicy")) }
            group.addTask(priority: .low) { await controllers.3.run(counting(skillReconciler, "skillpack")) }
            group.addTask(priority: .low) { await controllers.4.run(counting(scheduleReconciler, "sympoziumschedule")) }
            if let bus = configuration.eventBus {
                let routes =
                    ChannelRouter(client: client, bus: bus, logger: logger).routes + ScheduleRouter(client: client, logger: logger).routes
                    + SpawnRouter(client: client, logger: logger).routes
                group.addTask {
                    // The routers stop with the controllers: on graceful shutdown, not only on cancellation.
                    await cancelWhenGracefulShutdown { await EventRouter(bus: bus, routes: routes, logger: logger).run() }
                }
            }
        }
    }

    private func counting<Rec: Reconciler>(_ reconciler: Rec, _ name: String) -> CountingReconciler<Rec> {
        CountingReconciler(base: reconciler, name: name, metrics: metrics)
    }
}

/// Counts reconciles and failures for /metrics. A conflict means the
/// reconcile acted on a stale cached copy: it is retried shortly on fresh
/// state rather than counted as a failure with backoff.
struct CountingReconciler<Base: Reconciler>: Reconciler {
    let base: Base
    let name: String
    let metrics: ControllerMetrics

    func reconcile(_ object: Base.Resource, context: ReconcileContext) async throws -> ReconcileAction {
        do {
            let action = try await base.reconcile(object, context: context)
            metrics.recordReconcile(name, failed: false)
            return action
        } catch let error as KubeAPIError where error.isConflict {
            metrics.recordReconcile(name, failed: false)
            context.logger.debug("stale object, retrying", metadata: ["error": "\(error)"])
            return .requeue(after: .milliseconds(100))
        } catch {
            metrics.recordReconcile(name, failed: true)
            throw error
        }
    }
}
