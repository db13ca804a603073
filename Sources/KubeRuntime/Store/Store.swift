import KubeModel
import Synchronization

/// A read-only cache of one kind, kept current by a single `StoreWriter`
/// (the reflector). Readers never see a half-applied relist: the new state is
/// built aside and swapped in at once. Indexed by namespace, label and owner.
public final class Store<R: KubernetesResource>: Sendable {
    struct Contents: Sendable {
        var objects: [ObjectRef: R] = [:]
        var byNamespace: [String: Set<ObjectRef>] = [:]
        var byLabel: [LabelPair: Set<ObjectRef>] = [:]
        var byOwner: [String: Set<ObjectRef>] = [:]

        mutating func insert(_ object: R, at ref: ObjectRef) {
            if let old = objects.updateValue(object, forKey: ref) { unindex(old, at: ref) }
            index(object, at: ref)
        }

        @discardableResult
        mutating func remove(_ ref: ObjectRef) -> R? {
            guard let old = objects.removeValue(forKey: ref) else { return nil }
            unindex(old, at: ref)
            return old
        }

        private mutating func index(_ object: R, at ref: ObjectRef) {
            if let namespace = ref.namespace { byNamespace[namespace, default: []].insert(ref) }
            for (key, value) in object.metadata.labels { byLabel[LabelPair(key: key, value: value), default: []].insert(ref) }
            for owner in object.metadata.ownerReferences { byOwner[owner.uid, default: []].insert(ref) }
        }

        private mutating func unindex(_ object: R, at ref: ObjectRef) {
            if let namespace = ref.namespace { Self.remove(ref, from: &byNamespace, at: namespace) }
            for (key, value) in object.metadata.labels {
                Self.remove(ref, from: &byLabel, at: LabelPair(key: key, value: value))
            }
            for owner in object.metadata.ownerReferences { Self.remove(ref, from: &byOwner, at: owner.uid) }
        }

        private static func remove<K: Hashable>(_ ref: ObjectRef, from index: inout [K: Set<ObjectRef>], at key: K) {
            index[key]?.remove(ref)
            if index[key]?.isEmpty == true { index[key] = nil }
        }
    }

    struct LabelPair: Hashable, Sendable {
        var key: String
        var value: String
    }

    private struct State: ~Copyable {
        var contents = Contents()
        var ready = false
        var waiters: [UInt64: CheckedContinuation<Void, Never>] = [:]
        var nextWaiter: UInt64 = 0
    }

    private let state = Mutex(State())

    public init() {}

    /// True once the first list has been applied.
    public var isReady: Bool { state.withLock { $0.ready } }

    /// Returns when the first list has been applied, or when the task is cancelled.
    public func waitUntilReady() async {
        let id = state.withLock { state in
            state.nextWaiter += 1
            return state.nextWaiter
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let resumeNow = state.withLock { state in
                    if state.ready || Task.isCancelled { return true }
                    state.waiters[id] = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            state.withLock { $0.waiters.removeValue(forKey: id) }?.resume()
        }
    }

    public func get(_ ref: ObjectRef) -> R? {
        state.withLock { $0.contents.objects[ref] }
    }

    public func get(namespace: String?, name: String) -> R? {
        get(ObjectRef(namespace: R.scope == .namespaced ? namespace : nil, name: name))
    }

    public var count: Int { state.withLock { $0.contents.objects.count } }

    /// Every cached object.
    public func list() -> [R] {
        state.withLock { Array($0.contents.objects.values) }
    }

    public func list(namespace: String) -> [R] {
        state.withLock { state in
            (state.contents.byNamespace[namespace] ?? []).compactMap { state.contents.objects[$0] }
        }
    }

    /// Objects carrying every one of these labels (optionally in one namespace).
    public func list(labels: [String: String], namespace: String? = nil) -> [R] {
        state.withLock { state in
            var matches: Set<ObjectRef>?
            for (key, value) in labels {
                let refs = state.contents.byLabel[LabelPair(key: key, value: value)] ?? []
                matches = matches.map { $0.intersection(refs) } ?? refs
                if matches?.isEmpty == true { break }
            }
            let refs = matches ?? Set(state.contents.objects.keys)
            return refs.compactMap { ref in
                if let namespace, ref.namespace != namespace { return nil }
                return state.contents.objects[ref]
            }
        }
    }

    /// Objects with an ownerReference to this UID.
    public func owned(by uid: String) -> [R] {
        state.withLock { state in
            (state.contents.byOwner[uid] ?? []).compactMap { state.contents.objects[$0] }
        }
    }

    // MARK: Writer side

    func replaceAll(with contents: consuming Contents) {
        var contents = Optional(contents)
        let waiters = state.withLock { state in
            if let new = contents.take() { state.contents = new }
            state.ready = true
            let waiters = state.waiters.values
            state.waiters = [:]
            return waiters
        }
        for waiter in waiters { waiter.resume() }
    }

    func upsert(_ object: R, at ref: ObjectRef) {
        state.withLock { $0.contents.insert(object, at: ref) }
    }

    func remove(_ ref: ObjectRef) {
        state.withLock { _ = $0.contents.remove(ref) }
    }
}
