import ClusterTestSupport
import Foundation
import KubeClient
import KubeModel
import KubeRuntime
import Logging
import ServiceLifecycle
import SympoziumAPI
import Synchronization
import Testing

/// What a test reconciler saw: counts per object, and proof that no object
/// was ever reconciled twice at once.
final class ReconcileLog: Sendable {
    private struct State {
        var counts: [String: Int] = [:]
        var running: Set<String> = []
        var overlaps = 0
        var times: [String: [ContinuousClock.Instant]] = [:]
    }

    private let state = Mutex(State())

    func begin(_ name: String) {
        state.withLock { state in
            if !state.running.insert(name).inserted { state.overlaps += 1 }
            state.counts[name, default: 0] += 1
            state.times[name, default: []].append(.now)
        }
    }

    func end(_ name: String) {
        _ = state.withLock { $0.running.remove(name) }
    }

    func count(_ name: String) -> Int { state.withLock { $0.counts[name] ?? 0 } }
    var total: Int { state.withLock { $0.counts.values.reduce(0, +) } }
    var names: Set<String> { state.withLock { Set($0.counts.keys) } }
    var overlaps: Int { state.withLock { $0.overlaps } }
    func times(_ name: String) -> [ContinuousClock.Instant] { state.withLock { $0.times[name] ?? [] } }
}

@Suite("Controller against the embedded API server")
struct ControllerTests {
    static func start<R>(_ controller: Controller<R>, reconcile: @escaping @Sendable (R, ReconcileContext) async throws -> ReconcileAction) -> Task<Void, Never> {
        Task { await controller.run(reconcile: reconcile) }
    }

    @Test("every object once at start, again on change, never twice at once")
    func primaryTriggers() async throws {
        try await withCluster { _, client in
            let api = Api<ConfigMap>(client, namespace: "default")
            for index in 0..<20 { _ = try await api.create(configMap("cm\(index)")) }
            let log = ReconcileLog()
            let controller = Controller(api, configuration: ControllerConfiguration(concurrency: 4))
            let task = Self.start(controller) { object, _ in
                let name = object.metadata.name ?? ""
                log.begin(name)
                try await Task.sleep(for: .milliseconds(20))
                log.end(name)
                return .awaitChange
            }
            try await eventually("all 20 reconciled") { log.names.count == 20 }
            #expect(log.count("cm3") == 1)
            // Changes while a reconcile runs queue one more run, never a parallel one.
            for value in 0..<5 { _ = try await api.patch("cm3", .merge(["data": ["v": .string("\(value)")]])) }
            try await eventually("cm3 reconciled after its changes") { log.count("cm3") >= 2 }
            try await Task.sleep(for: .milliseconds(300))
            #expect(log.count("cm3") <= 6)
            #expect(log.overlaps == 0)
            task.cancel()
            await task.value
        }
    }

    @Test("owned children and mapped kinds trigger their primary")
    func ownedAndMapped() async throws {
        try await withCluster { _, client in
            let parents = Api<ConfigMap>(client, namespace: "default")
            let parent = try await parents.create(configMap("parent"))
            let log = ReconcileLog()
            var controller = Controller(parents)
            let children = controller.owns(Api<Secret>(client, namespace: "default"))
            controller.watches(Api<ServiceAccount>(client, namespace: "default")) { account in
                account.metadata.labels["parent"].map { [ObjectRef(namespace: account.metadata.namespace, name: $0)] } ?? []
            }
            let task = Self.start(controller) { object, _ in
                log.begin(object.metadata.name ?? "")
                log.end(object.metadata.name ?? "")
                return .awaitChange
            }
            try await eventually("the first reconcile") { log.count("parent") == 1 }

            var secret = Secret(metadata: ObjectMeta(name: "child", namespace: "default"))
            secret.metadata.ownerReferences = [try #require(parent.controllerReference())]
            _ = try await Api<Secret>(client, namespace: "default").create(secret)
            try await eventually("a reconcile for the owned Secret") { log.count("parent") == 2 }
            #expect(children.get(namespace: "default", name: "child") != nil)

            // A Secret owned by something else, without controller: true, triggers nothing.
            var unrelated = Secret(metadata: ObjectMeta(name: "other", namespace: "default"))
            unrelated.metadata.ownerReferences = [OwnerReference(apiVersion: "v1", kind: "ConfigMap", name: "parent", uid: "x")]
            _ = try await Api<Secret>(client, namespace: "default").create(unrelated)

            _ = try await Api<ServiceAccount>(client, namespace: "default").create(
                ServiceAccount(metadata: ObjectMeta(name: "mapped", namespace: "default", labels: ["parent": "parent"])))
            try await eventually("a reconcile for the mapped ServiceAccount") { log.count("parent") == 3 }
            try await Task.sleep(for: .milliseconds(300))
            #expect(log.count("parent") == 3)
            task.cancel()
            await task.value
        }
    }

    @Test("a mapped kind watched with a delay: a burst of changes, one later reconcile")
    func delayedTriggers() async throws {
        try await withCluster { _, client in
            let parents = Api<ConfigMap>(client, namespace: "default")
            _ = try await parents.create(configMap("counted"))
            let log = ReconcileLog()
            var controller = Controller(parents)
            controller.watches(Api<ServiceAccount>(client, namespace: "default"), delay: .seconds(1)) { account in
                [ObjectRef(namespace: account.metadata.namespace, name: "counted")]
            }
            let task = Self.start(controller) { object, _ in
                log.begin(object.metadata.name ?? "")
                log.end(object.metadata.name ?? "")
                return .awaitChange
            }
            try await eventually("the first reconcile") { log.count("counted") == 1 }
            let burst = ContinuousClock.now
            let accounts = Api<ServiceAccount>(client, namespace: "default")
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<5 {
                    group.addTask {
                        _ = try await accounts.create(ServiceAccount(metadata: ObjectMeta(name: "burst\(index)", namespace: "default")))
                    }
                }
                try await group.waitForAll()
            }
            try await eventually("a reconcile for the burst") { log.count("counted") >= 2 }
            let reconciled = try #require(log.times("counted").dropFirst().first)
            #expect(reconciled - burst >= .milliseconds(900), "the reconcile waited for the delay")
            try await Task.sleep(for: .milliseconds(1500))
            // On a loaded machine the five changes may straddle the window; they never cost five reconciles.
            #expect(log.count("counted") <= 3, "the burst's changes shared a reconcile")
            task.cancel()
            await task.value
        }
    }

    @Test("the generation predicate skips status-only changes")
    func generationPredicate() async throws {
        try await withCluster { _, client in
            try await installSympoziumCRDs(client)
            let runs = Api<AgentRun>(client, namespace: "default")
            _ = try await runs.create(sampleRun("gen"))
            let log = ReconcileLog()
            let task = Self.start(Controller(runs)) { object, _ in
                log.begin(object.metadata.name ?? "")
                log.end(object.metadata.name ?? "")
                return .awaitChange
            }
            try await eventually("the first reconcile") { log.count("gen") == 1 }
            _ = try await runs.patchStatus("gen", .merge(["status": ["phase": "Running"]]))
            _ = try await runs.patch("gen", .merge(["metadata": ["labels": ["seen": "yes"]]]))
            try await Task.sleep(for: .milliseconds(400))
            #expect(log.count("gen") == 1, "status and label changes leave the generation alone")
            _ = try await runs.patch("gen", .merge(["spec": ["task": "a new task"]]))
            try await eventually("a reconcile for the spec change") { log.count("gen") == 2 }
            task.cancel()
            await task.value
        }
    }

    @Test("per-object exponential backoff on errors, reset on success; requeue(after:)")
    func backoffAndRequeue() async throws {
        try await withCluster { _, client in
            let api = Api<ConfigMap>(client, namespace: "default")
            _ = try await api.create(configMap("flaky"))
            _ = try await api.create(configMap("periodic"))
            struct Boom: Error {}
            let log = ReconcileLog()
            var configuration = ControllerConfiguration()
            configuration.errorBackoff = Backoff(initial: .milliseconds(100), maximum: .seconds(5))
            let task = Self.start(Controller(api, configuration: configuration)) { object, context in
                let name = object.metadata.name ?? ""
                log.begin(name)
                log.end(name)
                if name == "flaky" {
                    #expect(context.failures == log.count(name) - 1 || log.count(name) > 4)
                    if log.count(name) <= 4 { throw Boom() }
                    return .awaitChange
                }
                return log.count(name) < 3 ? .requeue(after: .milliseconds(150)) : .awaitChange
            }
            try await eventually("flaky to succeed") { log.count("flaky") == 5 }
            try await eventually("periodic to requeue twice") { log.count("periodic") == 3 }
            let times = log.times("flaky")
            let gaps = zip(times.dropFirst(), times).map { $0 - $1 }
            #expect(gaps[0] >= .milliseconds(50))
            #expect(gaps[3] > gaps[0], "delays grow: \(gaps)")
            try await Task.sleep(for: .milliseconds(500))
            #expect(log.count("flaky") == 5, "success resets and stops the retries")
            #expect(log.count("periodic") == 3)
            task.cancel()
            await task.value
        }
    }

    struct ControllerService: ServiceLifecycle.Service {
        let controller: Controller<ConfigMap>
        let reconcile: @Sendable (ConfigMap, ReconcileContext) async throws -> ReconcileAction
        func run() async throws { await controller.run(reconcile: reconcile) }
    }

    @Test("graceful shutdown lets running reconciles finish and starts no new one")
    func gracefulShutdown() async throws {
        try await withCluster { _, client in
            let api = Api<ConfigMap>(client, namespace: "default")
            for index in 0..<3 { _ = try await api.create(configMap("slow\(index)")) }
            let started = Atomic<Int>(0)
            let finished = Atomic<Int>(0)
            let service = ControllerService(controller: Controller(api, configuration: ControllerConfiguration(concurrency: 1))) { _, _ in
                started.add(1, ordering: .relaxed)
                try await Task.sleep(for: .milliseconds(400))
                finished.add(1, ordering: .relaxed)
                return .awaitChange
            }
            var logger = Logger(label: "test")
            logger.logLevel = .error
            let group = ServiceGroup(services: [service], logger: logger)
            let running = Task { try await group.run() }
            try await eventually("a reconcile to start") { started.load(ordering: .relaxed) == 1 }
            await group.triggerGracefulShutdown()
            try await running.value
            #expect(started.load(ordering: .relaxed) == 1)
            #expect(finished.load(ordering: .relaxed) == 1, "the running reconcile completed")
        }
    }

    @Test("finalizer helper: added before apply, cleanup then removal on delete")
    func finalizer() async throws {
        try await withCluster { _, client in
            let api = Api<ConfigMap>(client, namespace: "default")
            _ = try await api.create(configMap("guarded"))
            let cleanups = Atomic<Int>(0)
            let applies = Atomic<Int>(0)
            let task = Self.start(Controller(api)) { object, _ in
                try await reconcileWithFinalizer("sympozium.ai/test", api: api, object: object) { event in
                    switch event {
                    case .apply(let current):
                        #expect(current.metadata.finalizers.contains("sympozium.ai/test"))
                        applies.add(1, ordering: .relaxed)
                    case .cleanup:
                        cleanups.add(1, ordering: .relaxed)
                    }
                    return .awaitChange
                }
            }
            try await eventually("the finalizer to be added, then apply") {
                try await api.get("guarded").metadata.finalizers == ["sympozium.ai/test"] && applies.load(ordering: .relaxed) >= 1
            }
            let result = try await api.delete("guarded")
            if case .deleted = result { Issue.record("the finalizer should hold the object") }
            try await eventually("cleanup and deletion") { try await api.getIfExists("guarded") == nil }
            #expect(cleanups.load(ordering: .relaxed) == 1)
            task.cancel()
            await task.value
        }
    }
}
