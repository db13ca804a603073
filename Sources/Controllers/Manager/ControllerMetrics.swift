import Synchronization

/// Counters the manager exposes on /metrics, in Prometheus text format.
public final class ControllerMetrics: Sendable {
    private struct Counts {
        var reconciles: [String: Int] = [:]
        var failures: [String: Int] = [:]
    }

    private let counts = Mutex(Counts())
    let leading = Atomic<Bool>(false)
    let ready = Atomic<Bool>(false)

    public init() {}

    func recordReconcile(_ controller: String, failed: Bool) {
        counts.withLock { counts in
            counts.reconciles[controller, default: 0] += 1
            if failed { counts.failures[controller, default: 0] += 1 }
        }
    }

    public var isLeader: Bool { leading.load(ordering: .relaxed) }
    public var isReady: Bool { ready.load(ordering: .relaxed) }

    /// The exposition text.
    public func render() -> String {
        let snapshot = counts.withLock { $0 }
        var lines = [
            "# HELP sympozium_controller_reconciles_total Reconciles run, by controller.",
            "# TYPE sympozium_controller_reconciles_total counter",
        ]
        for (name, value) in snapshot.reconciles.sorted(by: { $0.key < $1.key }) {
            lines.append("sympozium_controller_reconciles_total{controller=\"\(name)\"} \(value)")
        }
        lines += [
            "# HELP sympozium_controller_reconcile_errors_total Reconciles that failed, by controller.",
            "# TYPE sympozium_controller_reconcile_errors_total counter",
        ]
        for (name, value) in snapshot.failures.sorted(by: { $0.key < $1.key }) {
            lines.append("sympozium_controller_reconcile_errors_total{controller=\"\(name)\"} \(value)")
        }
        lines += [
            "# HELP sympozium_controller_leader Whether this replica leads (1) or stands by (0).",
            "# TYPE sympozium_controller_leader gauge",
            "sympozium_controller_leader \(isLeader ? 1 : 0)",
        ]
        return lines.joined(separator: "\n") + "\n"
    }
}
