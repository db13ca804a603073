import Foundation
import KubeClient
import KubeModel
import Logging
import Synchronization

/// Records core/v1 Events about objects, as `kubectl describe` shows them.
/// Repeats of the same event (same object, type, reason and message) update
/// one Event's count and lastTimestamp instead of creating new ones.
/// Recording never fails the caller: errors are logged.
public final class EventRecorder: Sendable {
    let client: KubeClient
    let component: String
    let instance: String
    let logger: Logger

    private struct Key: Hashable {
        var uid: String
        var type: String
        var reason: String
        var message: String
    }

    private struct Recorded {
        var namespace: String
        var name: String
        var count: Int32
        var used: UInt64
    }

    private struct Cache: ~Copyable {
        var entries: [Key: Recorded] = [:]
        var clock: UInt64 = 0
    }

    private let cache = Mutex(Cache())
    /// Distinct events remembered for aggregation.
    static let cacheLimit = 4096

    public init(client: KubeClient, component: String, instance: String? = nil, logger: Logger? = nil) {
        self.client = client
        self.component = component
        self.instance = instance ?? ProcessInfo.processInfo.hostName
        self.logger = logger ?? Logger(label: "sympozium.events")
    }

    public func normal<R: KubernetesResource>(_ object: R, reason: String, _ message: String, action: String? = nil) async {
        await record(object, type: .normal, reason: reason, message: message, action: action)
    }

    public func warning<R: KubernetesResource>(_ object: R, reason: String, _ message: String, action: String? = nil) async {
        await record(object, type: .warning, reason: reason, message: message, action: action)
    }

    public func record<R: KubernetesResource>(
        _ object: R, type: EventType, reason: String, message: String, action: String? = nil
    ) async {
        guard let name = object.metadata.name else { return }
        let namespace = object.metadata.namespace ?? "default"
        let key = Key(uid: object.metadata.uid ?? "\(R.kind)/\(namespace)/\(name)", type: type.rawValue, reason: reason, message: message)
        let now = Time.now
        let events = Api<Event>(client, namespace: namespace)
        if let previous = touch(key) {
            do {
                _ = try await events.patch(
                    previous.name,
                    .merge(["count": .integer(Int64(previous.count + 1)), "lastTimestamp": .string(now.description)]))
                return
            } catch let error as KubeAPIError where error.isNotFound {
                forget(key)
            } catch {
                logger.warning("cannot update event", metadata: ["reason": "\(reason)", "error": "\(error)"])
                return
            }
        }
        let eventName = "\(name).\(String(UInt64(now.date.timeIntervalSince1970 * 1e9), radix: 16))"
        let event = Event(
            metadata: ObjectMeta(name: eventName, namespace: namespace),
            involvedObject: ObjectReference(
                kind: R.kind, namespace: object.metadata.namespace, name: name, uid: object.metadata.uid,
                apiVersion: R.apiVersion, resourceVersion: object.metadata.resourceVersion),
            reason: reason, message: message, source: EventSource(component: component, host: instance),
            firstTimestamp: now, lastTimestamp: now, count: 1, type: type, eventTime: nil, action: action,
            reportingComponent: component, reportingInstance: instance)
        do {
            _ = try await events.create(event)
            remember(key, Recorded(namespace: namespace, name: eventName, count: 1, used: 0))
        } catch {
            logger.warning("cannot record event", metadata: ["reason": "\(reason)", "error": "\(error)"])
        }
    }

    /// The cached event for a key, with its count already advanced.
    private func touch(_ key: Key) -> Recorded? {
        cache.withLock { cache in
            guard var entry = cache.entries[key] else { return nil }
            let previous = entry
            cache.clock += 1
            entry.count += 1
            entry.used = cache.clock
            cache.entries[key] = entry
            return previous
        }
    }

    private func remember(_ key: Key, _ recorded: Recorded) {
        cache.withLock { cache in
            cache.clock += 1
            var recorded = recorded
            recorded.used = cache.clock
            cache.entries[key] = recorded
            if cache.entries.count > Self.cacheLimit {
                // Forget the least recently used half.
                let cutoff = cache.entries.values.map(\.used).sorted()[cache.entries.count / 2]
                cache.entries = cache.entries.filter { $0.value.used > cutoff }
            }
        }
    }

    private func forget(_ key: Key) {
        _ = cache.withLock { $0.entries.removeValue(forKey: key) }
    }
}
