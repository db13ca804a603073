import Foundation
import KubeModel
import Synchronization

/// The pods this node knows, by uid and by namespace/name: their directories
/// and last statuses, for the log endpoint.
final class PodRegistry: Sendable {
    struct Entry: Sendable {
        var namespace: String
        var name: String
        var uid: String
        var directory: PodDirectory
        var status: PodStatus?
    }

    private let entries = Mutex<[String: Entry]>([:])

    func register(_ entry: Entry) {
        entries.withLock { $0[entry.uid] = entry }
    }

    func remove(uid: String) {
        _ = entries.withLock { $0.removeValue(forKey: uid) }
    }

    func updateStatus(uid: String, status: PodStatus) {
        entries.withLock { $0[uid]?.status = status }
    }

    func entry(namespace: String, name: String) -> Entry? {
        entries.withLock { entries in entries.values.first { $0.namespace == namespace && $0.name == name } }
    }

    func entry(uid: String) -> Entry? { entries.withLock { $0[uid] } }

    /// Whether the container still runs (or may run again).
    func isActive(uid: String, container: String) -> Bool {
        entries.withLock { entries in
            guard let entry = entries[uid], let status = entry.status else { return entries[uid] != nil }
            if status.phase == .succeeded || status.phase == .failed { return false }
            let container = (status.containerStatuses + status.initContainerStatuses).first { $0.name == container }
            return container?.state?.terminated == nil || entry.status?.phase == .running
        }
    }
}
