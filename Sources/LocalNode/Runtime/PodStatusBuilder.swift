import KubeModel

/// Pod phase and conditions from container states, as the kubelet computes them.
enum PodStatusBuilder {
    static func phase(_ statuses: [ContainerStatus], restartPolicy: RestartPolicy) -> PodPhase {
        let terminated = statuses.compactMap { $0.state?.terminated }
        let running = statuses.contains { $0.state?.running != nil }
        let waiting = statuses.contains { $0.state?.waiting != nil }
        if running { return .running }
        if terminated.count == statuses.count, !statuses.isEmpty {
            let failed = terminated.contains { $0.exitCode != 0 }
            switch restartPolicy {
            case .always: return .running
            case .onFailure where failed: return .running
            default: return failed ? .failed : .succeeded
            }
        }
        if waiting && statuses.contains(where: { $0.restartCount ?? 0 > 0 }) { return .running }
        return .pending
    }

    static func conditions(_ statuses: [ContainerStatus], phase: PodPhase, previous: [PodCondition], initialized: Bool) -> [PodCondition] {
        let ready = phase == .running && !statuses.isEmpty && statuses.allSatisfy { $0.state?.running != nil }
        func condition(_ type: PodConditionType, _ value: Bool, reason: String? = nil) -> PodCondition {
            let status: ConditionStatus = value ? .true : .false
            if let old = previous.first(where: { $0.type == type }), old.status == status { return old }
            return PodCondition(type: type, status: status, lastTransitionTime: .now, reason: value ? nil : reason)
        }
        let finished = phase == .succeeded || phase == .failed
        return [
            condition(.podReadyToStartContainers, !finished),
            condition(.initialized, initialized, reason: "ContainersNotInitialized"),
            condition(.ready, ready, reason: finished ? "PodCompleted" : "ContainersNotReady"),
            condition(.containersReady, ready, reason: finished ? "PodCompleted" : "ContainersNotReady"),
            condition(.podScheduled, true),
        ]
    }
}
