import Foundation
import KubeClient
import KubeModel
import KubeRuntime
import SympoziumAPI

/// Creates a schedule's runs at its cron times, as a CronJob creates Jobs:
/// Forbid skips while a run is active (the latest missed time runs once it
/// ends), Allow runs side by side, Replace deletes the active run first.
/// Missed times are not backfilled beyond the latest one.
struct SympoziumScheduleReconciler: Reconciler {
    let client: KubeClient
    let runs: Store<AgentRun>
    /// Injectable for tests.
    var now: @Sendable () -> Date = { Date() }

    var api: Api<SympoziumSchedule> { Api(client) }

    func reconcile(_ schedule: SympoziumSchedule, context: ReconcileContext) async throws -> ReconcileAction {
        guard let name = schedule.metadata.name, let namespace = schedule.metadata.namespace else { return .awaitChange }
        var status = schedule.status ?? SympoziumScheduleStatus()
        let generation = schedule.metadata.generation
        let cron: CronSchedule
        do {
            cron = try schedule.spec.cron
        } catch {
            status.phase = "Error"
            status.nextRunTime = nil
            status.conditions.upsert(ReadyCondition.notReady("InvalidSchedule", error.description, generation: generation))
            try await api.updateStatus(of: schedule, to: status)
            return .awaitChange
        }
        if schedule.spec.suspend == true {
            status.phase = "Suspended"
            status.nextRunTime = nil
            status.conditions.upsert(ReadyCondition.ready("Suspended", "the schedule is suspended", generation: generation))
            try await api.updateStatus(of: schedule, to: status)
            return .awaitChange
        }
        let now = self.now()
        let anchor = status.lastRunTime?.date ?? schedule.metadata.creationTimestamp?.date ?? now
        let (due, next) = Self.latestDue(cron, after: anchor, now: now)
        status.phase = "Active"
        status.conditions.upsert(ReadyCondition.ready("Scheduled", "next run at \(next.map { Time($0).description } ?? "never")", generation: generation))
        if let due {
            // Act on a due time only with the schedule's latest status: a stale
            // cached copy would count the same tick twice.
            let fresh = try await api.namespaced(namespace).get(name)
            if fresh.metadata.resourceVersion != schedule.metadata.resourceVersion {
                return try await reconcile(fresh, context: context)
            }
            // The runs still in flight, read from the server: the previous tick's
            // run may not have reached the cache yet.
            let active = try await Api<AgentRun>(client, namespace: namespace)
                .list(ListParameters(labelSelector: "\(SympoziumLabel.schedule)=\(name)")).items.filter { run in
                    run.metadata.ownerReferences.contains { $0.uid == schedule.metadata.uid } && run.status?.phase?.isTerminal != true
                        && run.metadata.deletionTimestamp == nil
                }
            let policy = schedule.spec.concurrencyPolicy ?? .forbid
            if policy == .forbid, !active.isEmpty {
                context.logger.info("skipping a scheduled run: the previous one is still active")
            } else {
                let total = (status.totalRuns ?? 0) + 1
                let runName = "\(name)-\(total)"
                if policy == .replace {
                    for run in active where run.metadata.name != runName {
                        try await ChildWriter(client: client).delete(AgentRun.self, namespace: namespace, name: run.metadata.name ?? "")
                    }
                }
                guard let instance = try await Api<SympoziumInstance>(client, namespace: namespace).getIfExists(schedule.spec.instanceRef) else {
                    status.conditions.upsert(
                        ReadyCondition.notReady(
                            "InstanceNotFound", "SympoziumInstance \"\(schedule.spec.instanceRef)\" does not exist", generation: generation))
                    try await api.updateStatus(of: schedule, to: status)
                    return .requeue(after: .seconds(30))
                }
                try await createRun(runName, schedule: schedule, instance: instance, namespace: namespace)
                status.lastRunTime = Time(due)
                status.lastRunName = runName
                status.totalRuns = total
            }
        }
        status.nextRunTime = next.map(Time.init)
        try await api.updateStatus(of: schedule, to: status)
        guard let next else { return .awaitChange }
        return .requeue(after: .milliseconds(Int64(max(0.05, next.timeIntervalSince(now)) * 1000)))
    }

    /// The latest cron time in (anchor, now], and the first one after now.
    static func latestDue(_ cron: CronSchedule, after anchor: Date, now: Date) -> (due: Date?, next: Date?) {
        var due: Date?
        var candidate = cron.next(after: anchor)
        var steps = 0
        while let time = candidate, time <= now {
            due = time
            steps += 1
            // After a long outage only the latest time matters: skip ahead.
            candidate = steps == 10_000 ? cron.next(after: max(time, now.addingTimeInterval(-3600))) : cron.next(after: time)
        }
        return (due, candidate)
    }

    private func createRun(_ name: String, schedule: SympoziumSchedule, instance: SympoziumInstance, namespace: String) async throws {
        var task = schedule.spec.task
        if schedule.spec.includeMemory == true, instance.spec.memory?.enabled == true,
            let memory = try await Api<ConfigMap>(client, namespace: namespace).getIfExists(MemoryWriter.configMapName(schedule.spec.instanceRef))?
                .data["MEMORY.md"]
        {
            task = "\(memory)\n\n---\n\n\(task)"
        }
        var run = AgentRun(
            metadata: ObjectMeta(name: name, namespace: namespace, labels: [
                SympoziumLabel.schedule: schedule.metadata.name ?? "", SympoziumLabel.instance: schedule.spec.instanceRef,
            ]),
            spec: RunTemplate.spec(for: instance, task: task, sessionKey: "schedule-\(name)"))
        run.metadata.ownerReferences = [schedule.ownerReference]
        do {
            _ = try await Api<AgentRun>(client, namespace: namespace).create(run)
        } catch let error as KubeAPIError where error.isAlreadyExists {
            // Created before a crash that lost the status update: the same run.
        }
    }
}
