import KubeModel

/// Where a Job stands, from its conditions and counters.
enum JobOutcome: Sendable, Equatable {
    case running, succeeded, failed

    init(_ job: Job) {
        let conditions = job.status?.conditions ?? []
        if conditions.contains(where: { $0.type == "Complete" && $0.status == "True" }) || (job.status?.succeeded ?? 0) > 0 {
            self = .succeeded
        } else if conditions.contains(where: { $0.type == "Failed" && $0.status == "True" }) {
            self = .failed
        } else {
            self = .running
        }
    }

    /// Why the Job failed, in words.
    static func failureMessage(_ job: Job) -> String {
        guard let failed = job.status?.conditions.first(where: { $0.type == "Failed" && $0.status == "True" }) else {
            return "the agent container failed"
        }
        if failed.reason == "DeadlineExceeded" {
            let seconds = job.spec.activeDeadlineSeconds.map { " of \($0)s" } ?? ""
            return "the run exceeded its timeout\(seconds)"
        }
        return failed.message.flatMap { $0.isEmpty ? nil : $0 } ?? failed.reason ?? "the agent container failed"
    }
}
