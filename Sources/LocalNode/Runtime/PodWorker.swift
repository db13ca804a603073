import Foundation
import KubeClient
import KubeModel
import Logging

/// Runs one pod: prepares its volumes, runs its init containers in order,
/// then its containers as sandboxed processes, restarts them as the pod's
/// restartPolicy says, reports the pod's status, and stops it (SIGTERM, the
/// grace period, SIGKILL) when asked.
actor PodWorker {
    let pod: Pod
    let uid: String
    let directory: PodDirectory
    let context: NodeContext
    let logger: Logger
    /// Restart counts carried over from before a node restart.
    let recoveredRestarts: [String: Int]

    private(set) var stopped = false
    var processes: [String: SandboxProcess] = [:]
    var statuses: [String: ContainerStatus] = [:]
    var initStatuses: [String: ContainerStatus] = [:]
    var initialized = false
    var startTime: Time?
    var podReason: String?
    var podMessage: String?
    var forcedPhase: PodPhase?
    /// While the containers start, their statuses are written once, after
    /// the last one started: one write instead of one per container, and
    /// none competing with the first container's sandbox setup.
    var startingContainers = false
    var conditions: [PodCondition] = []
    var record: PodRecord
    let publisher: StatusPublisher
    private var finishedWaiters: [CheckedContinuation<Void, Never>] = []
    private var finished = false

    init(pod: Pod, context: NodeContext, recoveredRestarts: [String: Int] = [:], logger: Logger) {
        self.pod = pod
        self.uid = pod.metadata.uid ?? ""
        self.directory = PodDirectory(configuration: context.configuration, uid: pod.metadata.uid ?? "")
        self.context = context
        self.recoveredRestarts = recoveredRestarts
        var logger = logger
        logger[metadataKey: "k8s.kind"] = "Pod"
        logger[metadataKey: "k8s.namespace"] = "\(pod.metadata.namespace ?? "default")"
        logger[metadataKey: "k8s.name"] = "\(pod.metadata.name ?? "")"
        if let run = pod.metadata.labels["sympozium.ai/agent-run"] { logger[metadataKey: "agent.run"] = "\(run)" }
        self.logger = logger
        self.record = PodRecord(namespace: pod.metadata.namespace ?? "default", name: pod.metadata.name ?? "", uid: pod.metadata.uid ?? "")
        self.publisher = StatusPublisher(api: Api<Pod>(context.client, namespace: pod.metadata.namespace ?? "default"), name: pod.metadata.name ?? "", logger: logger)
        for container in pod.spec.containers {
            statuses[container.name] = ContainerStatus(
                name: container.name, state: ContainerState(waiting: ContainerStateWaiting(reason: "ContainerCreating")),
                ready: false, restartCount: Int32(recoveredRestarts[container.name] ?? 0), image: container.image,
                imageID: container.image, started: false)
        }
        for container in pod.spec.initContainers {
            initStatuses[container.name] = ContainerStatus(
                name: container.name, state: ContainerState(waiting: ContainerStateWaiting(reason: "PodInitializing")),
                ready: false, restartCount: 0, image: container.image, imageID: container.image, started: false)
        }
        initialized = pod.spec.initContainers.isEmpty
    }

    var restartPolicy: RestartPolicy { pod.spec.restartPolicy ?? .always }

    /// Runs the pod until its containers are done for good or it is stopped.
    func run() async {
        let publisherTask = Task { await publisher.run() }
        defer {
            publisher.finish()
        }
        startTime = pod.status?.startTime ?? .now
        // No status before the containers start (or preparation fails): a
        // ContainerCreating status would live for milliseconds and cost a
        // write that every pod watcher decodes, on the pod's critical path.
        try? FileManager.default.createDirectory(at: directory.root, withIntermediateDirectories: true)
        record.save(directory.record)
        do {
            let plan = try await preparePlan()
            guard !stopped else { return await finishRun(publisherTask) }
            if try await runInitContainers(plan) {
                initialized = true
                if !pod.spec.initContainers.isEmpty { publish() }
                // As the kubelet does, containers start one after another in
                // spec order (the agent first), each once the previous one's
                // sandbox is set up: concurrent sandbox setups contend for the
                // same kernel locks and delay the first container.
                startingContainers = true
                await withTaskGroup(of: Void.self) { group in
                    for container in pod.spec.containers {
                        guard let launch = plan[container.name] else { continue }
                        let (ready, signal) = AsyncStream.makeStream(of: Void.self)
                        group.addTask { await self.runContainer(container, launch: launch, isInit: false, sandboxReady: signal) }
                        for await _ in ready { break }
                    }
                    startingContainers = false
                    publish()
                }
            }
        } catch let error as NodeError {
            fail(error)
        } catch {
            fail(NodeError(code: "CreateContainerConfigError", "\(error)"))
        }
        await finishRun(publisherTask)
    }

    private func finishRun(_ publisherTask: Task<Void, Never>) async {
        publish()
        publisher.finish()
        await publisherTask.value
        finished = true
        for waiter in finishedWaiters { waiter.resume() }
        finishedWaiters = []
    }

    /// Waits until run() returned.
    func waitFinished() async {
        if finished { return }
        await withCheckedContinuation { finishedWaiters.append($0) }
    }

    // MARK: Preparation

    struct Launch: Sendable {
        var arguments: [String]
        var environment: [String: String]
    }

    /// Resolves every image, prepares volumes and environments; the pod
    /// fails with ErrImagePull when an image is not mapped.
    private func preparePlan() async throws -> [String: Launch] {
        let all = pod.spec.initContainers + pod.spec.containers
        var entrypoints: [String: String?] = [:]
        for container in all {
            let image = container.image ?? ""
            guard let program = context.configuration.imageMap.resolve(image) else {
                let map = context.configuration.imageMap
                let error = map.mapping(for: image).map { NodeError.programMissing(image, program: $0, searched: map.searchDirectories) }
                    ?? NodeError.imageNotMapped(image)
                setWaiting(container.name, reason: "ErrImagePull", message: error.message)
                throw error
            }
            entrypoints[container.name] = program == ImageMap.host ? String?.none : program
        }
        // Volumes and every container's environment are read from the API at once.
        let (pod, context, directory) = (self.pod, self.context, self.directory)
        async let preparedVolumes = context.volumes.prepare(pod, directory: directory)
        let environments = try await withThrowingTaskGroup(of: (String, [String: String]).self) { group in
            for container in all {
                group.addTask { (container.name, try await context.environment.environment(for: container, pod: pod)) }
            }
            var environments: [String: [String: String]] = [:]
            for try await (name, environment) in group { environments[name] = environment }
            return environments
        }
        let volumes = try await preparedVolumes
        let policies = context.networkPolicies()
        let serviceAccount = context.volumes.needsServiceAccountMount(pod)
        var plan: [String: Launch] = [:]
        for container in all {
            var mounts: [ResolvedMount] = []
            for mount in container.volumeMounts {
                guard let source = volumes[mount.name] else {
                    throw NodeError(code: "CreateContainerConfigError", "volume \"\(mount.name)\" of container \(container.name) is not defined")
                }
                var path = source.path
                if let subPath = mount.subPath, !subPath.isEmpty {
                    let parts = subPath.split(separator: "/").map(String.init)
                    guard !subPath.hasPrefix("/"), parts.allSatisfy(PodDirectory.safeName) else {
                        throw NodeError(code: "CreateContainerConfigError", "subPath \"\(subPath)\" must be relative without \"..\"")
                    }
                    path = (path as NSString).appendingPathComponent(subPath)
                    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
                }
                let readOnly = mount.readOnly ?? false || pod.spec.volumes.first { $0.name == mount.name }?.persistentVolumeClaim?.readOnly == true
                mounts.append(ResolvedMount(source: path, destination: mount.mountPath, readOnly: readOnly))
            }
            if serviceAccount, !mounts.contains(where: { $0.destination == VolumePreparer.serviceAccountPath }) {
                mounts.append(ResolvedMount(source: directory.serviceAccount.path, destination: VolumePreparer.serviceAccountPath, readOnly: true))
            }
            let command = SandboxCommand(
                configuration: context.configuration, pod: pod, container: container, entrypoint: entrypoints[container.name] ?? nil,
                mounts: mounts, privateNetwork: NetworkIsolation.isolated(container: container.name, pod: pod, policies: policies))
            plan[container.name] = Launch(arguments: try command.arguments(), environment: environments[container.name] ?? [:])
        }
        return plan
    }

    // MARK: Containers

    /// Runs init containers in order; false when one failed for good or the pod stopped.
    private func runInitContainers(_ plan: [String: Launch]) async throws -> Bool {
        for container in pod.spec.initContainers {
            guard let launch = plan[container.name], !stopped else { return false }
            await runContainer(container, launch: launch, isInit: true)
            guard initStatuses[container.name]?.state?.terminated?.exitCode == 0 else { return false }
        }
        return !stopped
    }

    /// Runs a container (restarting it as restartPolicy says); `started`
    /// finishes once its first sandbox is set up, or when it could not start.
    private func runContainer(
        _ container: Container, launch: Launch, isInit: Bool, sandboxReady: AsyncStream<Void>.Continuation? = nil
    ) async {
        defer { sandboxReady?.finish() }
        var restarts = recoveredRestarts[container.name] ?? 0
        var backoff: Duration = .seconds(1)
        while !stopped {
            let logURL = directory.log(container.name, restart: restarts)
            try? FileManager.default.createDirectory(at: logURL.deletingLastPathComponent(), withIntermediateDirectories: true)
            let started = Time.now
            let process: SandboxProcess
            do {
                process = try await SandboxProcess.launch(
                    arguments: launch.arguments, environment: launch.environment, logPath: logURL.path, infoFD: true)
            } catch {
                setTerminated(container.name, isInit: isInit, exit: ProcessExit(exitCode: 128), reason: "StartError", message: "\(error)", startedAt: started, restarts: restarts)
                break
            }
            processes[container.name] = process
            if stopped { process.killAll() }
            setRunning(container.name, isInit: isInit, startedAt: started, restarts: restarts)
            logger.debug("container started", metadata: ["container": "\(container.name)", "pid": "\(process.pid)"])
            context.onContainerStarted?(pod, container.name)
            let sandboxPID = await process.waitForSandboxPID()
            sandboxReady?.finish()
            record.containers[container.name] = PodRecord.ContainerRecord(
                launcherPID: process.pid, sandboxPID: sandboxPID, restartCount: restarts, running: true)
            record.save(directory.record)
            let exit = await process.wait()
            processes[container.name] = nil
            record.containers[container.name]?.running = false
            record.save(directory.record)
            let reason = exit.exitCode == 0 ? "Completed" : "Error"
            setTerminated(container.name, isInit: isInit, exit: exit, reason: reason, message: nil, startedAt: started, restarts: restarts)
            logger.debug("container exited", metadata: ["container": "\(container.name)", "exitCode": "\(exit.exitCode)"])
            let restart = !stopped && (restartPolicy == .always || (restartPolicy == .onFailure && exit.exitCode != 0))
            guard restart else { break }
            restarts += 1
            if var waiting = (isInit ? initStatuses : statuses)[container.name] {
                waiting.lastState = waiting.state
                waiting.state = ContainerState(
                    waiting: ContainerStateWaiting(reason: "CrashLoopBackOff", message: "back-off restarting failed container \(container.name)"))
                waiting.restartCount = Int32(restarts)
                store(waiting, isInit: isInit)
            }
            publish()
            let deadline = ContinuousClock.now + backoff
            while !stopped, !Task.isCancelled, ContinuousClock.now < deadline { try? await Task.sleep(for: .milliseconds(100)) }
            if Task.isCancelled { break }
            backoff = min(backoff * 2, .seconds(30))
        }
    }

    // MARK: Stopping

    /// SIGTERM to every container, SIGKILL to those still running after `grace`.
    func stop(grace: Duration) async {
        stopped = true
        let running = Array(processes.values)
        guard !running.isEmpty else { return }
        for process in running { process.signalSandbox(SIGTERM) }
        await withTaskGroup(of: Void.self) { group in
            for process in running {
                group.addTask {
                    let deadline = ContinuousClock.now + grace
                    while !process.hasExited, !Task.isCancelled, ContinuousClock.now < deadline {
                        try? await Task.sleep(for: .milliseconds(50))
                    }
                    if !process.hasExited { process.killAll() }
                    _ = await process.wait()
                }
            }
        }
    }

    /// Marks the pod failed because the node restarted while it ran.
    func markLost(restartedContainers: [String]) {
        stopped = true
        for name in restartedContainers {
            setTerminated(name, isInit: false, exit: ProcessExit(exitCode: 137, signal: SIGKILL), reason: "NodeRestart",
                message: "the node restarted while the container ran", startedAt: nil, restarts: recoveredRestarts[name] ?? 0)
        }
        forcedPhase = .failed
        podReason = "NodeRestart"
        podMessage = "the node restarted while the pod ran"
    }
}
