import Foundation
import KubeModel

extension PodWorker {
    func store(_ status: ContainerStatus, isInit: Bool) {
        if isInit { initStatuses[status.name] = status } else { statuses[status.name] = status }
    }

    func setRunning(_ name: String, isInit: Bool, startedAt: Time, restarts: Int) {
        guard var status = (isInit ? initStatuses : statuses)[name] else { return }
        status.state = ContainerState(running: ContainerStateRunning(startedAt: startedAt))
        status.started = true
        status.ready = true
        status.restartCount = Int32(restarts)
        status.containerID = "sympozium://\(uid)/\(name)/\(restarts)"
        store(status, isInit: isInit)
        publish()
    }

    func setTerminated(
        _ name: String, isInit: Bool, exit: ProcessExit, reason: String, message: String?, startedAt: Time?, restarts: Int
    ) {
        guard var status = (isInit ? initStatuses : statuses)[name] else { return }
        status.state = ContainerState(
            terminated: ContainerStateTerminated(
                exitCode: exit.exitCode, signal: exit.signal, reason: reason, message: message,
                startedAt: startedAt ?? status.state?.running?.startedAt, finishedAt: .now,
                containerID: "sympozium://\(uid)/\(name)/\(restarts)"))
        status.ready = false
        status.started = false
        status.restartCount = Int32(restarts)
        store(status, isInit: isInit)
        publish()
    }

    func setWaiting(_ name: String, reason: String, message: String) {
        if var status = statuses[name] {
            status.state = ContainerState(waiting: ContainerStateWaiting(reason: reason, message: message))
            statuses[status.name] = status
        } else if var status = initStatuses[name] {
            status.state = ContainerState(waiting: ContainerStateWaiting(reason: reason, message: message))
            initStatuses[status.name] = status
        }
    }

    /// The pod cannot run: phase Failed with the reason and message.
    func fail(_ error: NodeError) {
        logger.warning("pod failed", metadata: ["reason": "\(error.code)", "error": "\(error.message)"])
        forcedPhase = .failed
        podReason = error.code
        podMessage = error.message
        for name in pod.spec.containers.map(\.name) where statuses[name]?.state?.terminated == nil {
            if statuses[name]?.state?.waiting?.reason == "ContainerCreating" {
                setWaiting(name, reason: error.code, message: error.message)
            }
        }
        publish()
    }

    /// The status as it should be now.
    func currentStatus() -> PodStatus {
        let containerStatuses = pod.spec.containers.compactMap { statuses[$0.name] }
        let initContainerStatuses = pod.spec.initContainers.compactMap { initStatuses[$0.name] }
        var phase = PodStatusBuilder.phase(containerStatuses, restartPolicy: restartPolicy)
        if !initialized {
            let initFailed = initContainerStatuses.contains { ($0.state?.terminated?.exitCode ?? 0) != 0 }
            phase = initFailed && restartPolicy == .never ? .failed : .pending
        }
        if let forced = forcedPhase { phase = forced }
        let conditions = PodStatusBuilder.conditions(containerStatuses, phase: phase, previous: conditions, initialized: initialized)
        self.conditions = conditions
        let status = PodStatus(
            phase: phase, conditions: conditions, message: podMessage, reason: podReason,
            hostIP: "127.0.0.1", hostIPs: [HostIP(ip: "127.0.0.1")], podIP: "127.0.0.1", podIPs: [PodIP(ip: "127.0.0.1")],
            startTime: startTime, initContainerStatuses: initContainerStatuses, containerStatuses: containerStatuses,
            qosClass: "Burstable")
        context.registry.updateStatus(uid: uid, status: status)
        return status
    }

    /// Submits the current status for writing (held back while the
    /// containers start; the registry, which serves logs, is always current).
    func publish() {
        let status = currentStatus()
        guard !startingContainers else { return }
        publisher.submit(status)
    }
}
