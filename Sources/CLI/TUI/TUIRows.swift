import APIMachinery
import Foundation
import KubeModel
import SympoziumAPI

/// Rows of each view from the objects of its kind, with the CLI's columns.
enum TUIRows {
    static func headers(_ kind: TUIViewKind) -> [String] {
        switch kind {
        case .instances: Instances.headers
        case .runs: Runs.headers
        case .policies: Policies.headers
        case .skills: Skills.headers
        case .channels: ["NAME", "INSTANCE", "TYPE", "READY", "UP-TO-DATE", "AVAILABLE", "AGE"]
        case .pods: ["NAME", "READY", "STATUS", "RESTARTS", "ROLE", "AGE"]
        case .schedules: Schedules.headers
        }
    }

    static func table<D: ResourceDescriptor>(
        _ descriptor: D.Type, _ objects: [D.Resource], now: Date, phase: (D.Resource) -> String = { _ in "" },
        instance: (D.Resource) -> String? = { _ in nil }
    ) -> [TUIRow] {
        sorted(objects).map { object in
            TUIRow(
                namespace: object.metadata.namespace, name: object.metadata.name ?? "", cells: D.row(object, now: now),
                phase: phase(object), instance: instance(object))
        }
    }

    static func instances(_ objects: [SympoziumInstance], now: Date) -> [TUIRow] {
        table(Instances.self, objects, now: now, phase: { $0.status?.phase ?? "" })
    }

    static func runs(_ objects: [AgentRun], now: Date) -> [TUIRow] {
        // Newest first: the run just submitted is at the top.
        table(Runs.self, objects, now: now, phase: { $0.status?.phase?.rawValue ?? "Pending" }, instance: { $0.spec.instanceRef })
            .sorted { lhs, rhs in
                let left = objects.first { $0.metadata.name == lhs.name && $0.metadata.namespace == lhs.namespace }?.metadata.creationTimestamp
                let right = objects.first { $0.metadata.name == rhs.name && $0.metadata.namespace == rhs.namespace }?.metadata.creationTimestamp
                return (left?.date ?? .distantPast, lhs.name) > (right?.date ?? .distantPast, rhs.name)
            }
    }

    static func policies(_ objects: [SympoziumPolicy], now: Date) -> [TUIRow] { table(Policies.self, objects, now: now) }

    static func skills(_ objects: [SkillPack], now: Date) -> [TUIRow] {
        table(Skills.self, objects, now: now, phase: { $0.status?.phase ?? "" })
    }

    static func schedules(_ objects: [SympoziumSchedule], now: Date) -> [TUIRow] {
        table(Schedules.self, objects, now: now, phase: { $0.status?.phase ?? "" }, instance: { $0.spec.instanceRef })
    }

    static func channels(_ objects: [Deployment], now: Date) -> [TUIRow] {
        sorted(objects).map { deployment in
            let labels = deployment.metadata.labels
            let wanted = deployment.spec.replicas ?? 1
            let ready = deployment.status?.readyReplicas ?? 0
            return TUIRow(
                namespace: deployment.metadata.namespace, name: deployment.metadata.name ?? "",
                cells: [
                    deployment.metadata.name ?? "", labels[SympoziumLabel.instance] ?? "", labels[SympoziumLabel.channel] ?? "",
                    "\(ready)/\(wanted)", "\(deployment.status?.updatedReplicas ?? 0)", "\(deployment.status?.availableReplicas ?? 0)",
                    HumanDuration.since(deployment.metadata.creationTimestamp?.date, now: now),
                ],
                phase: ready >= wanted && wanted > 0 ? "Running" : "Pending", instance: labels[SympoziumLabel.instance])
        }
    }

    static func pods(_ objects: [Pod], now: Date) -> [TUIRow] {
        sorted(objects).map { pod in
            let statuses = pod.status?.containerStatuses ?? []
            let containers = max(pod.spec.containers.count, statuses.count)
            let ready = statuses.filter { $0.ready == true }.count
            let restarts = statuses.reduce(Int32(0)) { $0 + ($1.restartCount ?? 0) }
            let waiting = statuses.compactMap { $0.state?.waiting?.reason }.first
            let phase = pod.metadata.deletionTimestamp != nil ? "Terminating" : waiting ?? pod.status?.phase?.rawValue ?? "Pending"
            let labels = pod.metadata.labels
            return TUIRow(
                namespace: pod.metadata.namespace, name: pod.metadata.name ?? "",
                cells: [
                    pod.metadata.name ?? "", "\(ready)/\(containers)", phase, "\(restarts)",
                    labels[SympoziumLabel.role] ?? labels[SympoziumLabel.component] ?? "",
                    HumanDuration.since(pod.metadata.creationTimestamp?.date, now: now),
                ],
                phase: phase, instance: labels[SympoziumLabel.instance])
        }
    }

    private static func sorted<R: KubernetesResource>(_ objects: [R]) -> [R] {
        objects.sorted { ($0.metadata.namespace ?? "", $0.metadata.name ?? "") < ($1.metadata.namespace ?? "", $1.metadata.name ?? "") }
    }

    /// Adds a NAMESPACE column in front (every-namespace mode).
    static func withNamespaces(_ rows: [TUIRow], headers: [String]) -> TUITable {
        TUITable(
            headers: ["NAMESPACE"] + headers, rows: rows.map { row in
                var row = row
                row.cells.insert(row.namespace ?? "", at: 0)
                return row
            }, loaded: true)
    }
}

extension TUIViewKind {
    static func headers(_ kind: TUIViewKind) -> [String] { TUIRows.headers(kind) }
}
