import Foundation
import KubeModel

/// `kubectl get events`: Last Seen, Type, Reason, Object, Message, and
/// (priority 1) Subobject, Source, First Seen, Count, Name — kubectl's `printEvent`.
extension ResourceTablePrinter {
    public static let events = ResourceTablePrinter(
        columns: [
            TableColumns.column("Last Seen", "The time at which the most recent occurrence of this event was recorded."),
            TableColumns.column("Type", "Type of this event (Normal, Warning), new types could be added in the future"),
            TableColumns.column("Reason", "This should be a short, machine understandable string that gives the reason for the transition into the object's current status."),
            TableColumns.column("Object", "The object that this event is about."),
            TableColumns.column("Subobject", "If referring to a piece of an object instead of an entire object, this string should contain a valid JSON/Go field access statement, such as desiredState.manifest.containers[2].", priority: 1),
            TableColumns.column("Source", "The component reporting this event. Should be a short machine understandable string.", priority: 1),
            TableColumns.column("Message", "A human-readable description of the status of this operation."),
            TableColumns.column("First Seen", "The time at which the event was first recorded. (Time of server receipt is in TypeMeta.)", priority: 1),
            TableColumns.column("Count", "The number of times this event has occurred.", priority: 1),
            TableColumns.name.withPriority(1),
        ]
    ) { event, now in
        var firstSeen = HumanDuration.since(event["firstTimestamp"], now: now)
        if event["firstTimestamp"]?.stringValue?.isEmpty ?? true {
            firstSeen = HumanDuration.since(event["eventTime"], now: now)
        }
        var lastSeen = HumanDuration.since(event["lastTimestamp"], now: now)
        if event["lastTimestamp"]?.stringValue?.isEmpty ?? true { lastSeen = firstSeen }
        var count = TableColumns.integer(event["count"])
        if let series = event["series"], series != .null {
            lastSeen = HumanDuration.since(series["lastObservedTime"], now: now)
            count = TableColumns.integer(series["count"])
        } else if count == 0 {
            count = 1
        }
        let involved = event["involvedObject"]
        let kind = TableColumns.string(involved?["kind"]).lowercased()
        let name = TableColumns.string(involved?["name"])
        let component = TableColumns.string(event["source"]?["component"])
        let host = TableColumns.string(event["source"]?["host"])
        let sourceComponent = component.isEmpty ? TableColumns.string(event["reportingComponent"]) : component
        let instance = host.isEmpty ? TableColumns.string(event["reportingInstance"]) : host
        let message = TableColumns.string(event["message"]).trimmingCharacters(in: .whitespacesAndNewlines)
        return Row(cells: [
            .string(lastSeen), .string(TableColumns.string(event["type"])),
            .string(TableColumns.string(event["reason"])), .string(name.isEmpty ? kind : kind + "/" + name),
            .string(TableColumns.string(involved?["fieldPath"])),
            .string(instance.isEmpty ? sourceComponent : sourceComponent + ", " + instance), .string(message),
            .string(firstSeen), .integer(count), TableColumns.name(of: event),
        ])
    }
}

extension TableColumnDefinition {
    func withPriority(_ priority: Int32) -> TableColumnDefinition {
        var copy = self
        copy.priority = priority
        return copy
    }
}
