import Foundation
import KubeClient
import KubeModel
import KubeRuntime
import Logging
import ServiceLifecycle
import Synchronization

/// The local node's kubelet: runs the pods bound to this node (spec.nodeName
/// equal to the node's name, or unset: the embedded cluster has one node) as
/// sandboxed processes, reports their status, stops them when they are
/// deleted, and after a restart kills what a previous run left behind and
/// fails (or re-runs, as restartPolicy says) the pods that were running.
/// On graceful shutdown every pod's processes are stopped.
public struct Kubelet: ServiceLifecycle.Service {
    public let configuration: LocalNodeConfiguration
    let client: KubeClient
    let registry: PodRegistry
    let logger: Logger
    let onContainerStarted: (@Sendable (Pod, String) -> Void)?

    init(
        client: KubeClient, configuration: LocalNodeConfiguration, registry: PodRegistry, logger: Logger,
        onContainerStarted: (@Sendable (Pod, String) -> Void)?
    ) {
        self.client = client
        self.registry = registry
        self.configuration = configuration
        self.logger = logger
        self.onContainerStarted = onContainerStarted
    }

    public func run() async throws {
        try FileManager.default.createDirectory(at: configuration.directory.appending(path: "pods"), withIntermediateDirectories: true)
        let leftovers = NodeRecovery(configuration: configuration, logger: logger).killLeftovers()
        let policies = Store<NetworkPolicy>()
        let objects = ObjectSource(client: client)
        let context = NodeContext(
            configuration: configuration, client: client, volumes: VolumePreparer(configuration: configuration, objects: objects),
            environment: EnvironmentResolver(configuration: configuration, objects: objects), policies: policies, registry: registry,
            onContainerStarted: onContainerStarted)
        let state = KubeletState(leftovers: leftovers)
        let (events, sink) = AsyncStream.makeStream(of: WatcherEvent<Pod>.self)
        let logger = self.logger
        let client = self.client
        let feeder = Task {
            await withDiscardingTaskGroup { watchers in
                watchers.addTask {
                    var writer = StoreWriter(store: policies)
                    do {
                        for try await event in Watcher(Api<NetworkPolicy>(client), logger: logger) { writer.apply(event) }
                    } catch {}
                }
                await policies.waitUntilReady()
                do {
                    for try await event in Watcher(Api<Pod>(client), logger: logger) { sink.yield(event) }
                } catch {}
                watchers.cancelAll()
            }
            sink.finish()
        }
        await withDiscardingTaskGroup { group in
            await withGracefulShutdownHandler {
                await withTaskCancellationHandler {
                    for await event in events {
                        handle(event, context: context, state: state, group: &group)
                    }
                } onCancel: {
                    feeder.cancel()
                }
            } onGracefulShutdown: {
                state.beginShutdown()
                feeder.cancel()
            }
            await stopAll(state)
        }
    }

    private func handle(_ event: WatcherEvent<Pod>, context: NodeContext, state: KubeletState, group: inout DiscardingTaskGroup) {
        switch event {
        case .initStarted:
            state.beginList()
        case .initApply(let pod), .apply(let pod):
            if case .initApply = event { state.listed(pod.metadata.uid ?? "") }
            guard isMine(pod), let uid = pod.metadata.uid else { return }
            if pod.metadata.deletionTimestamp != nil {
                stopPod(uid: uid, pod: pod, state: state, remove: false, group: &group)
                return
            }
            guard state.worker(uid) == nil, !state.isDone(uid) else { return }
            if pod.status?.phase == .succeeded || pod.status?.phase == .failed {
                state.markDone(uid)
                registerFinished(pod)
                return
            }
            startPod(pod, context: context, state: state, group: &group)
        case .initDone:
            for uid in state.endList() {
                stopPod(uid: uid, pod: nil, state: state, remove: true, group: &group)
            }
            removeOrphanDirectories(state: state)
        case .delete(let pod):
            guard let uid = pod.metadata.uid else { return }
            stopPod(uid: uid, pod: pod, state: state, remove: true, group: &group)
        }
    }

    func isMine(_ pod: Pod) -> Bool {
        pod.spec.nodeName == nil || pod.spec.nodeName == "" || pod.spec.nodeName == configuration.nodeName
    }

    private func startPod(_ pod: Pod, context: NodeContext, state: KubeletState, group: inout DiscardingTaskGroup) {
        guard let uid = pod.metadata.uid else { return }
        let directory = PodDirectory(configuration: configuration, uid: uid)
        let previous = state.leftover(uid)
        // A pod this node ran before it restarted (or was killed): its containers count one more restart.
        let restarts = previous.map { record in record.containers.mapValues { $0.restartCount + 1 } } ?? [:]
        let worker = PodWorker(pod: pod, context: context, recoveredRestarts: restarts, logger: logger)
        registry.register(PodRegistry.Entry(namespace: pod.metadata.namespace ?? "default", name: pod.metadata.name ?? "", uid: uid, directory: directory, status: pod.status))
        state.add(uid, worker)
        let lostContainers = previous.map { Array($0.containers.keys) } ?? []
        let restartPolicy = pod.spec.restartPolicy ?? .always
        group.addTask {
            if !lostContainers.isEmpty && restartPolicy == .never {
                await worker.markLost(restartedContainers: lostContainers)
            }
            await worker.run()
            state.finished(uid)
        }
    }

    private func registerFinished(_ pod: Pod) {
        guard let uid = pod.metadata.uid else { return }
        let directory = PodDirectory(configuration: configuration, uid: uid)
        guard FileManager.default.fileExists(atPath: directory.root.path) else { return }
        registry.register(PodRegistry.Entry(namespace: pod.metadata.namespace ?? "default", name: pod.metadata.name ?? "", uid: uid, directory: directory, status: pod.status))
    }

    private func stopPod(uid: String, pod: Pod?, state: KubeletState, remove: Bool, group: inout DiscardingTaskGroup) {
        let worker = state.worker(uid)
        let grace = Self.gracePeriod(pod, default: configuration.defaultGracePeriodSeconds)
        let registry = self.registry
        let directory = PodDirectory(configuration: configuration, uid: uid)
        if remove { state.forget(uid) }
        group.addTask {
            if let worker {
                await worker.stop(grace: grace)
                await worker.waitFinished()
            }
            if remove {
                registry.remove(uid: uid)
                directory.remove()
            }
        }
    }

    static func gracePeriod(_ pod: Pod?, default fallback: Int64) -> Duration {
        let seconds = pod?.metadata.deletionGracePeriodSeconds.flatMap { $0 > 0 ? $0 : nil }
            ?? pod?.spec.terminationGracePeriodSeconds ?? fallback
        return .seconds(max(0, seconds))
    }

    private func removeOrphanDirectories(state: KubeletState) {
        let pods = configuration.directory.appending(path: "pods")
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: pods.path) else { return }
        for uid in names where !state.isKnown(uid) {
            PodDirectory(configuration: configuration, uid: uid).remove()
        }
    }

    private func stopAll(_ state: KubeletState) async {
        let workers = state.allWorkers()
        await withTaskGroup(of: Void.self) { group in
            for (_, worker) in workers {
                group.addTask {
                    let grace = Self.gracePeriod(worker.pod, default: 30)
                    await worker.stop(grace: min(grace, .seconds(10)))
                    await worker.waitFinished()
                }
            }
        }
        logger.info("kubelet stopped", metadata: ["pods": "\(workers.count)"])
    }
}

/// The kubelet's bookkeeping: running workers, finished pods, the uids of
/// the current list, records left by a previous run.
final class KubeletState: Sendable {
    struct Contents {
        var workers: [String: PodWorker] = [:]
        var done: Set<String> = []
        var listing: Set<String>?
        var leftovers: [String: PodRecord]
        var shuttingDown = false
    }

    private let contents: Mutex<Contents>

    init(leftovers: [String: PodRecord]) { contents = Mutex(Contents(leftovers: leftovers)) }

    var isShuttingDown: Bool { contents.withLock { $0.shuttingDown } }
    func beginShutdown() { contents.withLock { $0.shuttingDown = true } }
    func worker(_ uid: String) -> PodWorker? { contents.withLock { $0.workers[uid] } }
    func add(_ uid: String, _ worker: PodWorker) { contents.withLock { $0.workers[uid] = worker } }
    func finished(_ uid: String) { _ = contents.withLock { $0.done.insert(uid) } }
    func isDone(_ uid: String) -> Bool { contents.withLock { $0.done.contains(uid) } }
    func markDone(_ uid: String) { _ = contents.withLock { $0.done.insert(uid) } }
    func isKnown(_ uid: String) -> Bool { contents.withLock { $0.workers[uid] != nil || $0.done.contains(uid) } }
    func forget(_ uid: String) {
        contents.withLock {
            $0.workers[uid] = nil
            $0.done.remove(uid)
        }
    }
    func leftover(_ uid: String) -> PodRecord? { contents.withLock { $0.leftovers.removeValue(forKey: uid) } }
    func allWorkers() -> [String: PodWorker] { contents.withLock { $0.workers } }
    func beginList() { contents.withLock { $0.listing = [] } }
    func listed(_ uid: String) { _ = contents.withLock { $0.listing?.insert(uid) } }
    /// Known pods missing from the list just completed (deleted while the watch was down).
    func endList() -> [String] {
        contents.withLock { contents in
            let listed = contents.listing ?? []
            contents.listing = nil
            return Set(contents.workers.keys).union(contents.done).subtracting(listed).sorted()
        }
    }
}
