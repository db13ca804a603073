import Foundation
import KubeClient
import KubeModel
import KubeRuntime
import Logging

/// batch/v1 Jobs for the embedded cluster: each Job runs one Pod at a time
/// (parallelism and completions up to their values), labelled job-name and
/// controller-uid and owned by the Job; status active/succeeded/failed/ready
/// with Complete or Failed conditions; retries up to backoffLimit with an
/// exponential delay; activeDeadlineSeconds; ttlSecondsAfterFinished.
struct JobReconciler: Reconciler {
    typealias Resource = Job

    let client: KubeClient
    let pods: Store<Pod>
    let events: EventRecorder

    /// Delay before re-creating a failed pod: 1s, 2s, 4s ... up to a minute.
    static func retryDelay(failures: Int) -> Duration {
        .seconds(min(60, 1 << min(6, max(0, failures - 1))))
    }

    func reconcile(_ job: Job, context: ReconcileContext) async throws -> ReconcileAction {
        guard let uid = job.metadata.uid, let name = job.metadata.name, job.metadata.deletionTimestamp == nil else { return .awaitChange }
        let namespace = job.metadata.namespace ?? "default"
        let api = Api<Job>(client, namespace: namespace)
        let podAPI = Api<Pod>(client, namespace: namespace)
        let owned = pods.owned(by: uid).filter { $0.metadata.deletionTimestamp == nil }
        var status = job.status ?? JobStatus()
        if status.isFinished {
            return try await expire(job, status: status, api: api, logger: context.logger)
        }
        let now = Date()
        if status.startTime == nil { status.startTime = .now }
        let active = owned.filter { !($0.status?.phase?.isTerminal ?? false) }
        let succeeded = owned.filter { $0.status?.phase == .succeeded }
        let failedPods = owned.filter { $0.status?.phase == .failed }
        // Pods deleted after they failed are no longer listed: never count fewer failures than recorded.
        let failed = max(Int(status.failed ?? 0), failedPods.count)
        let completions = Int(job.spec.completions ?? 1)
        let parallelism = Int(job.spec.parallelism ?? 1)
        status.active = Int32(active.count)
        status.succeeded = Int32(max(Int(status.succeeded ?? 0), succeeded.count))
        status.failed = Int32(failed)
        status.ready = Int32(active.filter { $0.status?.condition(.ready)?.status == .true }.count)
        var requeue: ReconcileAction = .awaitChange

        if Int(status.succeeded ?? 0) >= completions {
            finish(&status, .complete, reason: "Completed", message: "Reached expected number of succeeded pods")
            try await deletePods(active, api: podAPI)
            status.active = 0
        } else if failed > Int(job.spec.backoffLimit ?? 6) {
            finish(&status, .failed, reason: "BackoffLimitExceeded", message: "Job has reached the specified backoff limit")
            try await deletePods(active, api: podAPI)
            status.active = 0
        } else if let deadline = job.spec.activeDeadlineSeconds, let start = status.startTime?.date,
            now.timeIntervalSince(start) >= Double(deadline)
        {
            finish(&status, .failed, reason: "DeadlineExceeded", message: "Job was active longer than specified deadline")
            try await deletePods(active, api: podAPI)
            status.active = 0
        } else if job.spec.suspend != true {
            let wanted = min(parallelism, completions - Int(status.succeeded ?? 0)) - active.count
            let lastFailure = failedPods.compactMap { $0.status?.containerStatuses.compactMap { $0.state?.terminated?.finishedAt?.date }.max() }.max()
            let delay = failed > 0 ? Self.retryDelay(failures: failed) : .zero
            let waited = lastFailure.map { now.timeIntervalSince($0) } ?? .infinity
            if wanted > 0 {
                if Double(delay.components.seconds) <= waited {
                    for _ in 0..<wanted { try await createPod(job, uid: uid, name: name, api: podAPI) }
                    status.active = Int32(active.count + wanted)
                } else {
                    requeue = .requeue(after: .seconds(Int64(Double(delay.components.seconds) - waited) + 1))
                }
            }
            if let deadline = job.spec.activeDeadlineSeconds, let start = status.startTime?.date {
                let remaining = max(0.1, Double(deadline) - now.timeIntervalSince(start))
                let untilDeadline: ReconcileAction = .requeue(after: .milliseconds(Int64(remaining * 1000)))
                if case .requeue(let after) = requeue, after < .milliseconds(Int64(remaining * 1000)) {} else { requeue = untilDeadline }
            }
        }
        if status != job.status {
            var updated = job
            updated.status = status
            _ = try await api.replaceStatus(updated)
            if status.isFinished {
                let failedCondition = status.isTrue(.failed)
                context.logger.info("job finished", metadata: ["result": "\(failedCondition ? "Failed" : "Complete")"])
                if failedCondition {
                    await events.warning(job, reason: status.condition(.failed)?.reason ?? "Failed", status.condition(.failed)?.message ?? "")
                } else {
                    await events.normal(job, reason: "Completed", "Job completed")
                }
            }
        }
        if status.isFinished, job.spec.ttlSecondsAfterFinished != nil {
            return .requeue(after: .seconds(Int64(job.spec.ttlSecondsAfterFinished ?? 0)))
        }
        return requeue
    }

    private func finish(_ status: inout JobStatus, _ type: JobConditionType, reason: String, message: String) {
        let now = Time.now
        status.conditions.removeAll { $0.type == type }
        status.conditions.append(JobCondition(type: type, status: .true, lastProbeTime: now, lastTransitionTime: now, reason: reason, message: message))
        if type == .complete { status.completionTime = now }
    }

    private func createPod(_ job: Job, uid: String, name: String, api: Api<Pod>) async throws {
        var metadata = job.spec.template.metadata
        metadata.name = nil
        metadata.generateName = "\(name)-"
        metadata.namespace = job.metadata.namespace
        metadata.labels["job-name"] = name
        metadata.labels["controller-uid"] = uid
        metadata.labels["batch.kubernetes.io/job-name"] = name
        metadata.labels["batch.kubernetes.io/controller-uid"] = uid
        metadata.ownerReferences = [
            OwnerReference(apiVersion: Job.apiVersion, kind: Job.kind, name: name, uid: uid, controller: true, blockOwnerDeletion: true)
        ]
        _ = try await api.create(Pod(metadata: metadata, spec: job.spec.template.spec))
    }

    private func deletePods(_ pods: [Pod], api: Api<Pod>) async throws {
        for pod in pods {
            guard let name = pod.metadata.name else { continue }
            do {
                _ = try await api.delete(name)
            } catch let error as KubeAPIError where error.isNotFound {}
        }
    }

    /// Deletes a finished Job once its ttlSecondsAfterFinished passed (its pods go with it).
    private func expire(_ job: Job, status: JobStatus, api: Api<Job>, logger: Logger) async throws -> ReconcileAction {
        guard let ttl = job.spec.ttlSecondsAfterFinished, let name = job.metadata.name else { return .awaitChange }
        let finished = (status.completionTime ?? status.condition(.failed)?.lastTransitionTime ?? .now).date
        let remaining = Double(ttl) - Date().timeIntervalSince(finished)
        guard remaining <= 0 else { return .requeue(after: .milliseconds(Int64(remaining * 1000) + 50)) }
        do {
            _ = try await api.delete(name, parameters: DeleteParameters(propagationPolicy: .background))
            logger.info("job expired", metadata: ["ttlSecondsAfterFinished": "\(ttl)"])
        } catch let error as KubeAPIError where error.isNotFound {}
        return .awaitChange
    }
}
