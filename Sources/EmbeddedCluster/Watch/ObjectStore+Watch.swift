import Foundation
import KubeModel

extension ObjectStore {
    /// A watch over one resource, optionally one namespace, from a version.
    ///
    /// With `from` set, every retained change after it is replayed first; a
    /// version older than the retained history is 410 Gone, so the client
    /// re-lists. With `from` nil, the current objects arrive as ADDED events.
    public func watch(
        _ resource: ResourceKey, namespace: String?, from: Int64?,
        matches: @escaping @Sendable (StoredObject) -> Bool
    ) throws -> (id: UInt64, events: AsyncStream<WatchEvent>) {
        guard !watchesStopped else { throw APIError.shuttingDown }
        if let from, from < compactedResourceVersion {
            throw APIError.gone("too old resource version: \(from) (\(compactedResourceVersion))")
        }
        let (stream, continuation) = AsyncStream<WatchEvent>.makeStream(
            bufferingPolicy: .bufferingOldest(configuration.watcherBuffer))
        let watcher = Watcher(resource: resource, namespace: namespace, matches: matches, continuation: continuation)
        if let from {
            for event in history where event.resourceVersion > from && event.resource == resource {
                if let translated = Self.translate(event, for: watcher) { continuation.yield(translated) }
            }
        } else {
            for object in list(resource, namespace: namespace).items where matches(object) {
                continuation.yield(WatchEvent(type: .added, resource: resource, object: object, previous: nil))
            }
        }
        nextWatcherID += 1
        let id = nextWatcherID
        watchers[id] = watcher
        continuation.onTermination = { [weak self] _ in
            guard let self else { return }
            Task { await self.stopWatch(id) }
        }
        return (id, stream)
    }

    /// Changes from now on for the built-in controllers: every resource, narrowed
    /// by `wants`, which runs here so that uninteresting writes wake nobody.
    public func watchAll(
        where wants: @escaping @Sendable (WatchEvent) -> Bool = { _ in true }
    ) -> (id: UInt64, events: AsyncStream<WatchEvent>) {
        let (stream, continuation) = AsyncStream<WatchEvent>.makeStream()
        nextWatcherID += 1
        guard !watchesStopped else {
            continuation.finish()
            return (nextWatcherID, stream)
        }
        let id = nextWatcherID
        watchers[id] = Watcher(resource: nil, namespace: nil, matches: { _ in true }, continuation: continuation, wants: wants)
        continuation.onTermination = { [weak self] _ in
            guard let self else { return }
            Task { await self.stopWatch(id) }
        }
        return (id, stream)
    }

    public func stopWatch(_ id: UInt64) {
        watchers[id]?.continuation.finish()
        watchers[id] = nil
    }

    /// Stops every watch and refuses new ones (server shutdown).
    public func stopAllWatches() {
        watchesStopped = true
        for watcher in watchers.values { watcher.continuation.finish() }
        watchers.removeAll()
    }

    public var watcherCount: Int { watchers.count }

    func publish(_ event: WatchEvent) {
        if event.resource.group == "rbac.authorization.k8s.io" {
            rbacVersion.store(event.resourceVersion, ordering: .releasing)
        }
        history.append(event)
        if history.count > configuration.historyLimit + 1_000 {
            let drop = history.count - configuration.historyLimit
            compactedResourceVersion = history[drop - 1].resourceVersion
            history.removeFirst(drop)
            do {
                try database.compact(through: compactedResourceVersion)
            } catch {
                logger.error("compacting watch history failed", metadata: ["error": "\(error)"])
            }
        }
        for (id, watcher) in watchers where watcher.resource == nil || watcher.resource == event.resource {
            if let wants = watcher.wants, !wants(event) { continue }
            guard let translated = Self.translate(event, for: watcher) else { continue }
            if case .dropped = watcher.continuation.yield(translated) {
                // A watcher that cannot keep up is cut off; it resumes from its last version.
                logger.warning("watcher too slow, closing", metadata: ["resource": "\(event.resource)"])
                watcher.continuation.finish()
                watchers[id] = nil
            }
        }
    }

    /// Maps a change onto what one watcher sees: an object entering its
    /// selector is ADDED, leaving it is DELETED.
    static func translate(_ event: WatchEvent, for watcher: Watcher) -> WatchEvent? {
        if let namespace = watcher.namespace, event.object.key.namespace != namespace { return nil }
        let now = watcher.matches(event.object)
        let before = event.previous.map(watcher.matches) ?? false
        var translated = event
        switch event.type {
        case .modified:
            switch (before, now) {
            case (true, true): return event
            case (false, true): translated.type = .added
            case (true, false): translated.type = .deleted
            case (false, false): return nil
            }
            return translated
        default:
            return now ? event : nil
        }
    }
}
