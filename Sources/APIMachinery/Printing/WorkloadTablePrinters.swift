import Foundation
import KubeModel

/// Deployments and Jobs, as kubectl's `printDeployment` and `printJob`.
extension ResourceTablePrinter {
    static let containersColumn = TableColumns.column(
        "Containers", "Names of each container in the template.", priority: 1)
    static let imagesColumn = TableColumns.column(
        "Images", "Images referenced by each container in the template.", priority: 1)

    /// Name, Ready "2/3", Up-to-date, Available, Age; Containers, Images, Selector.
    public static let deployments = ResourceTablePrinter(
        columns: [
            TableColumns.name,
            TableColumns.column("Ready", "Number of the pod with ready state"),
            TableColumns.column("Up-to-date", "Total number of non-terminated pods targeted by this deployment that have the desired template spec."),
            TableColumns.column("Available", "Total number of available pods (ready for at least minReadySeconds) targeted by this deployment."),
            TableColumns.age,
            containersColumn,
            imagesColumn,
            TableColumns.column("Selector", "Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment.", priority: 1),
        ],
        row: { deployment, now in
            let spec = deployment["spec"]
            let status = deployment["status"]
            let desired = spec?["replicas"]?.integerValue ?? 1
            let (names, images) = TableColumns.containerCells(spec?["template"]?["spec"])
            return Row(cells: [
                TableColumns.name(of: deployment),
                .string("\(TableColumns.integer(status?["readyReplicas"]))/\(desired)"),
                .integer(TableColumns.integer(status?["updatedReplicas"])),
                .integer(TableColumns.integer(status?["availableReplicas"])),
                TableColumns.age(of: deployment, now: now),
                names, images,
                TableColumns.selector(spec?["selector"], empty: "", invalid: "<invalid>"),
            ])
        }
    )

    /// Name, Status, Completions "1/1", Duration, Age; Containers, Images, Selector.
    public static let jobs = ResourceTablePrinter(
        columns: [
            TableColumns.name,
            TableColumns.column("Status", "Status of the job."),
            TableColumns.column("Completions", "The number of pods which reached phase Succeeded."),
            TableColumns.column("Duration", "Time required to complete the job."),
            TableColumns.age,
            containersColumn,
            imagesColumn,
            TableColumns.column("Selector", "A label query over pods that should match the pod count.", priority: 1),
        ],
        row: { job, now in
            let spec = job["spec"]
            let status = job["status"]
            let succeeded = TableColumns.integer(status?["succeeded"])
            let completions: String
            if let wanted = spec?["completions"]?.integerValue {
                completions = "\(succeeded)/\(wanted)"
            } else if let parallelism = spec?["parallelism"]?.integerValue, parallelism > 1 {
                completions = "\(succeeded)/1 of \(parallelism)"
            } else {
                completions = "\(succeeded)/1"
            }
            var duration = ""
            if let start = status?["startTime"]?.stringValue.flatMap(RFC3339.parse) {
                let end = status?["completionTime"]?.stringValue.flatMap(RFC3339.parse) ?? now
                duration = HumanDuration.format(end.timeIntervalSince(start))
            }
            let conditions = status?["conditions"]
            let state: String
            if TableColumns.hasTrueCondition(conditions, "Complete") {
                state = "Complete"
            } else if TableColumns.hasTrueCondition(conditions, "Failed") {
                state = "Failed"
            } else if job["metadata"]?["deletionTimestamp"]?.stringValue != nil {
                state = "Terminating"
            } else if TableColumns.hasTrueCondition(conditions, "Suspended") {
                state = "Suspended"
            } else if TableColumns.hasTrueCondition(conditions, "FailureTarget") {
                state = "FailureTarget"
            } else if TableColumns.hasTrueCondition(conditions, "SuccessCriteriaMet") {
                state = "SuccessCriteriaMet"
            } else {
                state = "Running"
            }
            let (names, images) = TableColumns.containerCells(spec?["template"]?["spec"])
            return Row(cells: [
                TableColumns.name(of: job), .string(state), .string(completions), .string(duration),
                TableColumns.age(of: job, now: now), names, images,
                TableColumns.selector(spec?["selector"], empty: "<none>", invalid: "<error>"),
            ])
        }
    )
}
