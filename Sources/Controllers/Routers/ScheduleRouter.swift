import EventBus
import Foundation
import KubeClient
import KubeModel
import Logging
import SympoziumAPI

/// schedule.upsert → create, update, suspend, resume or delete a
/// SympoziumSchedule of the instance whose agent asked for it.
struct ScheduleRouter: Sendable {
    let client: KubeClient
    let logger: Logger

    var routes: [EventRoute] {
        [EventRoute(pattern: EventTopic.scheduleUpsert, durableName: "sympozium-schedule-router") { try await upsert($0) }]
    }

    func upsert(_ event: BusEvent) async throws -> RouteOutcome {
        guard let request = try? event.decodeData(as: ScheduleRequest.self) else { return .reject("schedule.upsert data is not a schedule request") }
        guard let instanceName = event.metadata[EventMetadata.instanceName], !instanceName.isEmpty else {
            return .reject("schedule.upsert without the instanceName metadata")
        }
        guard Names.isDNSLabel(request.name) else { return .reject("schedule name \"\(request.name.prefix(80))\" is not a valid DNS label") }
        guard let instance = try await InstanceLookup(client: client).find(instanceName, namespace: event.metadata[EventMetadata.namespace]) else {
            return .reject("no SympoziumInstance named \(instanceName)")
        }
        let namespace = instance.metadata.namespace ?? "default"
        let api = Api<SympoziumSchedule>(client, namespace: namespace)
        let existing = try await api.getIfExists(request.name)
        if let existing, existing.spec.instanceRef != instanceName {
            return .reject("schedule \(request.name) belongs to instance \(existing.spec.instanceRef), not \(instanceName)")
        }
        if let cron = request.schedule, (try? CronSchedule(parsing: cron)) == nil {
            return .reject("\"\(cron)\" is not a cron schedule")
        }
        let action = (request.action ?? "create").lowercased()
        switch action {
        case "create", "update", "upsert":
            guard existing != nil else {
                guard let cron = request.schedule, let task = request.task else { return .reject("creating a schedule needs schedule and task") }
                var schedule = SympoziumSchedule(
                    metadata: ObjectMeta(name: request.name, namespace: namespace, labels: [SympoziumLabel.instance: instanceName]),
                    spec: SympoziumScheduleSpec(
                        instanceRef: instanceName, schedule: cron, task: task, type: .scheduled,
                        concurrencyPolicy: request.concurrencyPolicy.map(ConcurrencyPolicy.init(rawValue:)), includeMemory: request.includeMemory))
                schedule.metadata.annotations[RouterAnnotation.source] = event.metadata[EventMetadata.agentRunID].map { "agent-run/\($0)" } ?? "event-bus"
                do {
                    _ = try await api.create(schedule)
                } catch let error as KubeAPIError where error.isAlreadyExists {
                    return .retry(after: .milliseconds(100))
                }
                logger.info("schedule created", metadata: ["k8s.kind": "SympoziumSchedule", "k8s.namespace": "\(namespace)", "k8s.name": "\(request.name)"])
                return .done
            }
            var spec: [String: JSONValue] = [:]
            if let cron = request.schedule { spec["schedule"] = .string(cron) }
            if let task = request.task { spec["task"] = .string(task) }
            if let policy = request.concurrencyPolicy { spec["concurrencyPolicy"] = .string(policy) }
            if let memory = request.includeMemory { spec["includeMemory"] = .bool(memory) }
            guard !spec.isEmpty else { return .done }
            _ = try await api.patch(request.name, .merge(["spec": .object(spec)]))
        case "suspend", "resume":
            guard existing != nil else { return .reject("no schedule \(request.name) to \(action)") }
            _ = try await api.patch(request.name, .merge(["spec": ["suspend": .bool(action == "suspend")]]))
        case "delete":
            do {
                try await api.delete(request.name)
            } catch let error as KubeAPIError where error.isNotFound {
            }
        default:
            return .reject("unknown schedule action \"\(action.prefix(40))\"")
        }
        logger.info("schedule \(action)", metadata: ["k8s.kind": "SympoziumSchedule", "k8s.namespace": "\(namespace)", "k8s.name": "\(request.name)"])
        return .done
    }
}
