import Foundation
import KubeModel

/// `kubectl get pods`: Name, Ready, Status, Restarts, Age, and (priority 1)
/// IP, Node, Nominated Node, Readiness Gates — kubectl's `printPod`.
extension ResourceTablePrinter {
    public static let pods = ResourceTablePrinter(
        columns: [
            TableColumns.name,
            TableColumns.column("Ready", "The aggregate readiness state of this pod for accepting traffic."),
            TableColumns.column("Status", "The aggregate status of the containers in this pod."),
            TableColumns.column(
                "Restarts",
                "The number of times the containers in this pod have been restarted and when the last container in this pod has restarted."
            ),
            TableColumns.age,
            TableColumns.column(
                "IP", "podIP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated.",
                priority: 1),
            TableColumns.column(
                "Node",
                "NodeName indicates in which node this pod is scheduled. If empty, this pod is a candidate for scheduling by the scheduler defined in schedulerName.",
                priority: 1),
            TableColumns.column(
                "Nominated Node",
                "nominatedNodeName is set only when this pod preempts other pods on the node, but it cannot be scheduled right away as preemption victims receive their graceful termination periods.",
                priority: 1),
            TableColumns.column(
                "Readiness Gates",
                "If specified, all readiness gates will be evaluated for pod readiness. A pod is ready when all its containers are ready AND all conditions specified in the readiness gates have status equal to \"True\"",
                priority: 1),
        ],
        row: { pod, now in PodRowSummary(pod, now: now).row(pod, now: now) }
    )
}

/// The Ready/Status/Restarts computation of kubectl's `printPod`.
private struct PodRowSummary {
    var ready = 0
    var total = 0
    var reason = ""
    var restarts = 0
    var lastRestart: Date?

    init(_ pod: JSONValue, now: Date) {
        let spec = pod["spec"]
        let status = pod["status"]
        let phase = status?["phase"]?.stringValue ?? ""
        reason = phase
        if let statusReason = status?["reason"]?.stringValue, !statusReason.isEmpty { reason = statusReason }
        let conditions = status?["conditions"]?.arrayValue ?? []
        if conditions.contains(where: {
            $0["type"]?.stringValue == "PodScheduled" && $0["reason"]?.stringValue == "SchedulingGated"
        }) {
            reason = "SchedulingGated"
        }
        total = spec?["containers"]?.arrayValue?.count ?? 0
        let initContainers = spec?["initContainers"]?.arrayValue ?? []
        var sidecars: Set<String> = []
        for container in initContainers where container["restartPolicy"]?.stringValue == "Always" {
            sidecars.insert(container["name"]?.stringValue ?? "")
            total += 1
        }

        var sidecarRestarts = 0
        var lastSidecarRestart: Date?
        var initializing = false
        let initStatuses = status?["initContainerStatuses"]?.arrayValue ?? []
        for (index, container) in initStatuses.enumerated() {
            let count = Int(container["restartCount"]?.integerValue ?? 0)
            let finished = Self.lastTerminated(container)
            restarts += count
            lastRestart = Self.later(lastRestart, finished)
            let isSidecar = sidecars.contains(container["name"]?.stringValue ?? "")
            if isSidecar {
                sidecarRestarts += count
                lastSidecarRestart = Self.later(lastSidecarRestart, finished)
            }
            let terminated = container["state"]?["terminated"]
            let waitingReason = container["state"]?["waiting"]?["reason"]?.stringValue ?? ""
            if let terminated, terminated["exitCode"]?.integerValue ?? 0 == 0 {
                continue
            } else if isSidecar && container["started"]?.boolValue == true {
                if container["ready"]?.boolValue == true { ready += 1 }
                continue
            } else if let terminated {
                let terminatedReason = terminated["reason"]?.stringValue ?? ""
                if !terminatedReason.isEmpty {
                    reason = "Init:" + terminatedReason
                } else if let signal = terminated["signal"]?.integerValue, signal != 0 {
                    reason = "Init:Signal:\(signal)"
                } else {
                    reason = "Init:ExitCode:\(terminated["exitCode"]?.integerValue ?? 0)"
                }
            } else if !waitingReason.isEmpty && waitingReason != "PodInitializing" {
                reason = "Init:" + waitingReason
            } else {
                reason = "Init:\(index)/\(initContainers.count)"
            }
            initializing = true
            break
        }

        let initialized = conditions.contains {
            $0["type"]?.stringValue == "Initialized" && $0["status"]?.stringValue == "True"
        }
        if !initializing || initialized {
            restarts = sidecarRestarts
            lastRestart = lastSidecarRestart
            var hasRunning = false
            for container in (status?["containerStatuses"]?.arrayValue ?? []).reversed() {
                restarts += Int(container["restartCount"]?.integerValue ?? 0)
                lastRestart = Self.later(lastRestart, Self.lastTerminated(container))
                let state = container["state"]
                let waitingReason = state?["waiting"]?["reason"]?.stringValue ?? ""
                let terminated = state?["terminated"]
                let terminatedReason = terminated?["reason"]?.stringValue ?? ""
                if !waitingReason.isEmpty {
                    reason = waitingReason
                } else if !terminatedReason.isEmpty {
                    reason = terminatedReason
                } else if let terminated {
                    if let signal = terminated["signal"]?.integerValue, signal != 0 {
                        reason = "Signal:\(signal)"
                    } else {
                        reason = "ExitCode:\(terminated["exitCode"]?.integerValue ?? 0)"
                    }
                } else if container["ready"]?.boolValue == true, state?["running"] != nil {
                    hasRunning = true
                    ready += 1
                }
            }
            if reason == "Completed" && hasRunning {
                let podReady = conditions.contains {
                    $0["type"]?.stringValue == "Ready" && $0["status"]?.stringValue == "True"
                }
                reason = podReady ? "Running" : "NotReady"
            }
        }

        if pod["metadata"]?["deletionTimestamp"]?.stringValue != nil {
            if status?["reason"]?.stringValue == "NodeLost" {
                reason = "Unknown"
            } else if phase != "Succeeded" && phase != "Failed" {
                reason = "Terminating"
            }
        }
    }

    func row(_ pod: JSONValue, now: Date) -> ResourceTablePrinter.Row {
        var restartText = String(restarts)
        if restarts != 0, let lastRestart {
            restartText = "\(restarts) (\(HumanDuration.since(lastRestart, now: now)) ago)"
        }
        let spec = pod["spec"]
        let status = pod["status"]
        let ip = status?["podIPs"]?.arrayValue?.first?["ip"]?.stringValue ?? status?["podIP"]?.stringValue ?? ""
        let node = spec?["nodeName"]?.stringValue ?? ""
        let nominated = status?["nominatedNodeName"]?.stringValue ?? ""
        var readinessGates = "<none>"
        if let gates = spec?["readinessGates"]?.arrayValue, !gates.isEmpty {
            let conditions = status?["conditions"]?.arrayValue ?? []
            let satisfied = gates.filter { gate in
                let type = gate["conditionType"]?.stringValue
                return conditions.first { $0["type"]?.stringValue == type }?["status"]?.stringValue == "True"
            }
            readinessGates = "\(satisfied.count)/\(gates.count)"
        }
        var conditions: [TableRowCondition] = []
        switch status?["phase"]?.stringValue {
        case "Succeeded":
            conditions = [
                TableRowCondition(
                    type: "Completed", status: .true, reason: "Succeeded", message: "The pod has completed successfully.")
            ]
        case "Failed":
            conditions = [TableRowCondition(type: "Completed", status: .true, reason: "Failed", message: "The pod failed.")]
        default:
            break
        }
        return ResourceTablePrinter.Row(
            cells: [
                TableColumns.name(of: pod), .string("\(ready)/\(total)"), .string(reason), .string(restartText),
                TableColumns.age(of: pod, now: now), .string(ip.isEmpty ? "<none>" : ip),
                .string(node.isEmpty ? "<none>" : node), .string(nominated.isEmpty ? "<none>" : nominated),
                .string(readinessGates),
            ],
            conditions: conditions)
    }

    private static func lastTerminated(_ container: JSONValue) -> Date? {
        container["lastState"]?["terminated"]?["finishedAt"]?.stringValue.flatMap(RFC3339.parse)
    }

    private static func later(_ current: Date?, _ candidate: Date?) -> Date? {
        guard let candidate else { return current }
        guard let current else { return candidate }
        return max(current, candidate)
    }
}
