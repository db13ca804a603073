import KubeClient
import KubeModel
import Logging
import ServiceLifecycle
import Synchronization

/// Reconciles every object of one kind, level-triggered.
///
/// Changes to the primary kind, to the objects it owns (through controller
/// ownerReferences) and to any mapped kind become reconcile requests; the
/// scheduler merges duplicates and honours delays; one object is never
/// reconciled twice at once; errors back off per object, exponentially, until
/// a success resets them. On graceful shutdown no new reconcile starts and
/// the running ones finish.
public struct Controller<R: KubernetesResource>: Sendable {
    public let api: Api<R>
    public let configuration: ControllerConfiguration
    /// The primary kind's cache, filled before the first reconcile.
    public let store: Store<R>
    let logger: Logger
    private var sources: [TriggerSource] = []
    private var stores: [@Sendable () async -> Void] = []

    public init(_ api: Api<R>, configuration: ControllerConfiguration = ControllerConfiguration(), logger: Logger? = nil) {
        self.api = api
        self.configuration = configuration
        let store = Store<R>()
        self.store = store
        var logger = logger ?? Logger(label: "sympozium.controller")
        logger[metadataKey: "controller"] = "\(R.kind.lowercased())"
        self.logger = logger
        let usePredicate = configuration.generationPredicate
        sources.append(
            TriggerSource.watching(
                api, configuration: configuration.watcher, writer: StoreWriter(store: store), logger: logger,
                filter: { memory, object in usePredicate ? memory.changed(object) : true },
                map: { object in ObjectRef(object).map { [$0] } ?? [] }))
        stores.append({ await store.waitUntilReady() })
    }

    /// Watches a kind the primary owns: a change to a child reconciles the
    /// owner named by its controller ownerReference. Returns the children's cache.
    @discardableResult
    public mutating func owns<Child: KubernetesResource>(
        _ api: Api<Child>, configuration: WatcherConfiguration = WatcherConfiguration()
    ) -> Store<Child> {
        let ownerAPIVersion = R.apiVersion
        let ownerKind = R.kind
        let namespaced = R.scope == .namespaced
        return watches(api, configuration: configuration) { child in
            child.metadata.ownerReferences.compactMap { owner in
                guard owner.controller == true, owner.kind == ownerKind,
                    GroupVersionKind(apiVersion: owner.apiVersion, kind: owner.kind).group
                        == GroupVersionKind(apiVersion: ownerAPIVersion, kind: ownerKind).group
                else { return nil }
                return ObjectRef(namespace: namespaced ? child.metadata.namespace : nil, name: owner.name)
            }
        }
    }

    /// Watches another kind and reconciles the primary objects `map` names.
    ///
    /// With a `delay`, a change reconciles its primaries that much later, and
    /// the changes within that window share one reconcile: for primaries that
    /// only aggregate the other kind (counts in a status), where a burst of
    /// changes should cost one status write, not one each.
    @discardableResult
    public mutating func watches<Other: KubernetesResource>(
        _ api: Api<Other>, configuration: WatcherConfiguration = WatcherConfiguration(), delay: Duration = .zero,
        map: @escaping @Sendable (Other) -> [ObjectRef]
    ) -> Store<Other> {
        let store = Store<Other>()
        sources.append(
            TriggerSource.watching(
                api, configuration: configuration, writer: StoreWriter(store: store), logger: logger, delay: delay, map: map))
        stores.append({ await store.waitUntilReady() })
        return store
    }

    /// Runs until cancelled or until graceful shutdown (inside a ServiceGroup).
    public func run<Rec: Reconciler>(_ reconciler: Rec) async where Rec.Resource == R {
        await run { object, context in try await reconciler.reconcile(object, context: context) }
    }

    /// Runs until cancelled or until graceful shutdown (inside a ServiceGroup).
    public func run(
        reconcile: @escaping @Sendable (R, ReconcileContext) async throws -> ReconcileAction
    ) async {
        let queue = ReconcileQueue(concurrency: configuration.concurrency)
        let failures = FailureTracker(backoff: configuration.errorBackoff)
        let sources = sources
        let stores = stores
        await withTaskGroup(of: Void.self) { watchers in
            for source in sources {
                watchers.addTask { await source.run(queue) }
            }
            watchers.addTask {
                // Every cache complete before the first reconcile: a reconciler
                // never mistakes "not cached yet" for "does not exist".
                for waitUntilReady in stores { await waitUntilReady() }
                queue.openGate()
            }
            await withGracefulShutdownHandler {
                await withTaskCancellationHandler {
                    await dispatch(queue: queue, failures: failures, reconcile: reconcile)
                } onCancel: {
                    queue.close()
                }
            } onGracefulShutdown: {
                queue.close()
            }
            watchers.cancelAll()
        }
        logger.info("controller stopped")
    }

    private func dispatch(
        queue: ReconcileQueue, failures: FailureTracker,
        reconcile: @escaping @Sendable (R, ReconcileContext) async throws -> ReconcileAction
    ) async {
        await withDiscardingTaskGroup { group in
            while let batch = await queue.take() {
                for ref in batch {
                    group.addTask {
                        let next = await reconcileOne(ref, failures: failures, reconcile: reconcile)
                        queue.finish(ref, next: next)
                    }
                }
            }
        }
    }

    /// Reconciles one key; returns when it should run again, if at all.
    private func reconcileOne(
        _ ref: ObjectRef, failures: FailureTracker,
        reconcile: @Sendable (R, ReconcileContext) async throws -> ReconcileAction
    ) async -> ContinuousClock.Instant? {
        guard let object = store.get(ref) else {
            // Deleted: nothing to reconcile (finalizers handle cleanup while it exists).
            failures.reset(ref)
            return nil
        }
        var logger = self.logger
        logger[metadataKey: "k8s.kind"] = "\(R.kind)"
        if let namespace = ref.namespace { logger[metadataKey: "k8s.namespace"] = "\(namespace)" }
        logger[metadataKey: "k8s.name"] = "\(ref.name)"
        let context = ReconcileContext(logger: logger, failures: failures.count(ref))
        do {
            let action = try await reconcile(object, context)
            failures.reset(ref)
            switch action {
            case .awaitChange: return nil
            case .requeue(let delay): return .now.advanced(by: delay)
            }
        } catch is CancellationError {
            return nil
        } catch {
            let delay = failures.record(ref)
            logger.warning(
                "reconcile failed", metadata: ["error": "\(error)", "retry.in": "\(delay)", "failures": "\(context.failures + 1)"])
            return .now.advanced(by: delay)
        }
    }
}

/// Per-object error backoff.
final class FailureTracker: Sendable {
    private let backoffs = Mutex<[ObjectRef: Backoff]>([:])
    private let template: Backoff

    init(backoff: Backoff) {
        self.template = backoff
    }

    func record(_ ref: ObjectRef) -> Duration {
        backoffs.withLock { backoffs in
            var backoff = backoffs[ref] ?? template
            let delay = backoff.next()
            backoffs[ref] = backoff
            return delay
        }
    }

    func count(_ ref: ObjectRef) -> Int {
        backoffs.withLock { $0[ref]?.attempts ?? 0 }
    }

    func reset(_ ref: ObjectRef) {
        _ = backoffs.withLock { $0.removeValue(forKey: ref) }
    }
}
