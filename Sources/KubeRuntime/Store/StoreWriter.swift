import KubeModel

/// The one writer of a `Store`: applies watcher events in order. A relist is
/// collected aside and swapped in whole at `initDone`, which also drops the
/// objects deleted while the watch was down.
public struct StoreWriter<R: KubernetesResource>: Sendable {
    public let store: Store<R>
    /// Drop metadata.managedFields before caching: controllers never read
    /// them and they are often the largest part of a small object.
    public var stripManagedFields = true
    private var building: Store<R>.Contents?

    public init(store: Store<R> = Store<R>()) {
        self.store = store
    }

    public mutating func apply(_ event: WatcherEvent<R>) {
        var event = event
        if stripManagedFields {
            switch event {
            case .initApply(var object) where !object.metadata.managedFields.isEmpty:
                object.metadata.managedFields = []
                event = .initApply(object)
            case .apply(var object) where !object.metadata.managedFields.isEmpty:
                object.metadata.managedFields = []
                event = .apply(object)
            default:
                break
            }
        }
        switch event {
        case .initStarted:
            building = Store<R>.Contents()
        case .initApply(let object):
            guard let ref = ObjectRef(object) else { return }
            if building == nil { building = Store<R>.Contents() }
            building?.insert(object, at: ref)
        case .initDone:
            store.replaceAll(with: building ?? Store<R>.Contents())
            building = nil
        case .apply(let object):
            guard let ref = ObjectRef(object) else { return }
            store.upsert(object, at: ref)
        case .delete(let object):
            guard let ref = ObjectRef(object) else { return }
            store.remove(ref)
        }
    }
}

extension AsyncSequence where Self: Sendable {
    /// Passes each watcher event through after writing it into the store.
    public func reflect<R>(into writer: StoreWriter<R>) -> ReflectedEvents<Self, R> where Element == WatcherEvent<R> {
        ReflectedEvents(base: self, writer: writer)
    }
}

/// A watcher's events, applied to a store as they pass.
public struct ReflectedEvents<Base: AsyncSequence & Sendable, R: KubernetesResource>: AsyncSequence, Sendable
where Base.Element == WatcherEvent<R> {
    public typealias Element = WatcherEvent<R>
    let base: Base
    let writer: StoreWriter<R>

    public func makeAsyncIterator() -> Iterator {
        Iterator(base: base.makeAsyncIterator(), writer: writer)
    }

    public struct Iterator: AsyncIteratorProtocol {
        var base: Base.AsyncIterator
        var writer: StoreWriter<R>

        public mutating func next() async throws -> WatcherEvent<R>? {
            guard let event = try await base.next() else { return nil }
            writer.apply(event)
            return event
        }
    }
}
