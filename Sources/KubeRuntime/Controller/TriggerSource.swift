import KubeClient
import KubeModel
import Logging

/// A watch whose events become reconcile requests for the primary kind.
struct TriggerSource: Sendable {
    let name: String
    let run: @Sendable (ReconcileQueue) async -> Void

    /// Watches a kind into a store and maps every change to primary keys.
    /// After each (re)list every cached object is mapped, so nothing missed
    /// while the watch was down goes unreconciled.
    static func watching<K: KubernetesResource>(
        _ api: Api<K>, configuration: WatcherConfiguration, writer: StoreWriter<K>, logger: Logger,
        filter: @escaping @Sendable (inout PredicateMemory, K) -> Bool = { _, _ in true }, delay: Duration = .zero,
        map: @escaping @Sendable (K) -> [ObjectRef]
    ) -> TriggerSource {
        TriggerSource(name: K.kind) { queue in
            let events = Watcher(api, configuration: configuration, logger: logger).reflect(into: writer)
            var memory = PredicateMemory()
            do {
                for try await event in events {
                    switch event {
                    case .initStarted, .initApply:
                        break
                    case .initDone:
                        let objects = writer.store.list()
                        memory.reset(objects)
                        queue.schedule(objects.flatMap(map))
                    case .apply(let object):
                        if filter(&memory, object) { queue.schedule(map(object), at: .now + delay) }
                    case .delete(let object):
                        memory.forget(object)
                        queue.schedule(map(object), at: .now + delay)
                    }
                }
            } catch {
                // Only cancellation ends a watcher.
            }
        }
    }
}

/// What the generation predicate remembers per object.
struct PredicateMemory: Sendable {
    private struct Seen: Hashable, Sendable {
        var generation: Int64?
        var deleting: Bool
    }

    private var seen: [ObjectRef: Seen] = [:]

    mutating func reset<K: KubernetesResource>(_ objects: [K]) {
        seen.removeAll(keepingCapacity: true)
        for object in objects { _ = changed(object) }
    }

    /// True when the generation moved or deletion started since last time.
    mutating func changed<K: KubernetesResource>(_ object: K) -> Bool {
        guard let ref = ObjectRef(object) else { return true }
        let now = Seen(generation: object.metadata.generation, deleting: object.metadata.deletionTimestamp != nil)
        guard now.generation != nil else { return true }
        return seen.updateValue(now, forKey: ref) != now
    }

    mutating func forget<K: KubernetesResource>(_ object: K) {
        if let ref = ObjectRef(object) { seen[ref] = nil }
    }
}
