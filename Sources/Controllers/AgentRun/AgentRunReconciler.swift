import EventBus
import Foundation
import KubeClient
import KubeModel
import KubeRuntime
import Logging
import SympoziumAPI

/// Turns an AgentRun into a Job and follows it to a terminal phase:
/// Pending → Running → Succeeded or Failed, exactly once.
struct AgentRunReconciler: Reconciler {
    let client: KubeClient
    let settings: ControllerSettings
    let events: EventRecorder
    /// The controller's caches: runs (for concurrency and history) and their Jobs.
    let runs: Store<AgentRun>
    let jobs: Store<Job>
    /// The instance controller's cache; a run whose instance is not cached yet reads it from the API.
    var instances: Store<SympoziumInstance>?
    let gate: AdmissionGate
    /// Where terminal runs are announced (agent.run.completed / failed); nil without a bus.
    var bus: (any EventBus)?
    var logger = Logger(label: "sympozium.controller")
    static let finalizer = "sympozium.ai/agentrun-cleanup"

    var api: Api<AgentRun> { Api(client) }
    var writer: ChildWriter { ChildWriter(client: client) }

    /// The finalizer is taken only by runs whose skills get cluster-scoped
    /// RBAC (which no ownerReference can collect), just before it is created,
    /// and dropped once the run is terminal and that RBAC is gone.
    func reconcile(_ run: AgentRun, context: ReconcileContext) async throws -> ReconcileAction {
        guard run.metadata.isBeingDeleted else { return try await apply(run, context: context) }
        await gate.release(run)
        do {
            try await releaseClusterRBAC(run)
        } catch let error as KubeAPIError where error.isNotFound {
            // Already gone: another finalizer holder finished last.
        }
        return .awaitChange
    }

    private func apply(_ run: AgentRun, context: ReconcileContext) async throws -> ReconcileAction {
        switch run.status?.phase {
        case .some(let phase) where phase.isTerminal:
            try await finish(run)
            return .awaitChange
        case .running:
            return try await follow(run, context: context)
        default:
            return try await start(run, context: context)
        }
    }

    // MARK: Pending → Running

    private func start(_ run: AgentRun, context: ReconcileContext) async throws -> ReconcileAction {
        let namespace = run.metadata.namespace ?? "default"
        var found = instances?.get(namespace: namespace, name: run.spec.instanceRef)
        if found == nil { found = try await Api<SympoziumInstance>(client, namespace: namespace).getIfExists(run.spec.instanceRef) }
        guard let instance = found else {
            return try await fail(run, reason: "InstanceNotFound", "SympoziumInstance \"\(run.spec.instanceRef)\" does not exist in \(namespace)")
        }
        var policy: SympoziumPolicy?
        if let policyName = instance.spec.policyRef {
            policy = try await Api<SympoziumPolicy>(client, namespace: namespace).getIfExists(policyName)
            if policy == nil {
                return try await fail(run, reason: "PolicyNotFound", "SympoziumPolicy \"\(policyName)\" of instance \(run.spec.instanceRef) does not exist")
            }
        }
        let limits = RunLimits(instance: instance, policy: policy)
        if run.spec.spawnDepth > limits.maxDepth {
            return try await fail(
                run, reason: "SubagentDepthExceeded",
                "sub-agent depth \(run.spec.spawnDepth) exceeds the maximum of \(limits.maxDepth) set by \(limits.source)")
        }
        let skills: [ResolvedSkill]
        do {
            skills = try await SkillResolver(client: client, writer: writer).resolve(run, instance: instance)
        } catch let error as SkillResolver.MissingSkill {
            return try await fail(run, reason: "SkillPackNotFound", error.message)
        }
        let admitted = await gate.admit(run, instance: run.spec.instanceRef, limit: limits.maxConcurrent, runs: runs)
        guard admitted else {
            return try await fail(
                run, reason: "ConcurrencyLimitExceeded",
                "instance \(run.spec.instanceRef) already has \(limits.maxConcurrent) runs in flight, the maximum set by \(limits.source)")
        }
        var run = run
        if Self.needsClusterRBAC(run, skills: skills) {
            run = try await addFinalizer(Self.finalizer, api: api, to: run)
        }
        let builder = AgentJobBuilder(
            run: run, instance: instance, policyName: policy?.metadata.name, skills: skills, settings: settings,
            policySandboxImage: policy?.spec.sandboxPolicy?.defaultImage)
        try await createChildren(run, builder: builder, skills: skills)

        var status = run.status ?? AgentRunStatus()
        status.phase = .running
        status.jobName = builder.names.job
        status.startedAt = status.startedAt ?? .now
        status.conditions.upsert(ReadyCondition.notReady("Running", "the agent Job is running", generation: run.metadata.generation))
        let updated = try await api.updateStatus(of: run, to: status)
        await events.normal(updated, reason: "Started", "created Job \(builder.names.job)")
        context.logger.info("run started", metadata: ["agent.run": "\(builder.names.run)"])
        return timeoutRequeue(updated) ?? .awaitChange
    }

    private func createChildren(_ run: AgentRun, builder: AgentJobBuilder, skills: [ResolvedSkill]) async throws {
        let names = builder.names
        let namespace = builder.namespace
        var account = ServiceAccount(metadata: ObjectMeta(name: names.serviceAccount, namespace: namespace, labels: [
            SympoziumLabel.agentRun: names.run, SympoziumLabel.managedBy: ControllerLabel.managedByValue,
        ]))
        account.metadata.ownerReferences = [run.ownerReference]
        account.automountServiceAccountToken = false

        var input = ConfigMap(
            metadata: ObjectMeta(name: names.inputConfigMap, namespace: namespace, labels: [SympoziumLabel.agentRun: names.run]),
            data: ["task": run.spec.task])
        if let prompt = run.spec.systemPrompt { input.data["systemPrompt"] = prompt }
        input.metadata.ownerReferences = [run.ownerReference]

        // Everything the pod needs, written at once; the Job last, so its pod
        // never waits for its ServiceAccount or RBAC.
        let writer = self.writer
        let rbac = SkillRBACBuilder(run: run)
        let (serviceAccount, inputConfigMap) = (account, input)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await writer.create(serviceAccount) }
            group.addTask { try await writer.create(inputConfigMap) }
            for skill in skills {
                guard let sidecar = skill.sidecar else { continue }
                if let (role, binding) = rbac.role(pack: skill.name, sidecar: sidecar) {
                    group.addTask {
                        try await writer.apply(role)
                        try await writer.apply(binding)
                    }
                }
                if let (role, binding) = rbac.clusterRole(pack: skill.name, sidecar: sidecar) {
                    group.addTask {
                        try await writer.apply(role)
                        try await writer.apply(binding)
                    }
                }
            }
            try await group.waitForAll()
        }
        try await writer.create(builder.job())
    }

    // MARK: Running → terminal

    private func follow(_ run: AgentRun, context: ReconcileContext) async throws -> ReconcileAction {
        let namespace = run.metadata.namespace ?? "default"
        let jobName = run.status?.jobName ?? AgentRunNames(run: run.metadata.name ?? "").job
        var cachedJob = jobs.get(namespace: namespace, name: jobName)
        if cachedJob == nil { cachedJob = try await Api<Job>(client, namespace: namespace).getIfExists(jobName) }
        guard let job = cachedJob else {
            return try await fail(run, reason: "JobMissing", "the run's Job \(jobName) no longer exists")
        }
        if JobOutcome(job) == .running {
            if let started = run.status?.startedAt?.date, let timeout = run.spec.timeoutDuration,
                Date().timeIntervalSince(started) > timeout.seconds
            {
                let podName = try await self.podName(job: jobName, namespace: namespace)
                try await writer.delete(Job.self, namespace: namespace, name: jobName)
                return try await fail(run, reason: "Timeout", "the run exceeded its timeout of \(run.spec.timeout ?? "")", podName: podName)
            }
            // The pod's name is recorded once it is ready, not when it is
            // created: that write would compete with the pod's start.
            if (job.status?.ready ?? 0) > 0, let podName = try await self.podName(job: jobName, namespace: namespace),
                run.status?.podName != podName
            {
                var status = run.status ?? AgentRunStatus()
                status.podName = podName
                try await api.updateStatus(of: run, to: status)
            }
            return timeoutRequeue(run) ?? .awaitChange
        }
        let podName = try await self.podName(job: jobName, namespace: namespace)
        let log = try await podName.asyncMap { try await agentLog(pod: $0, namespace: namespace) } ?? nil
        let result = log.flatMap(RunLogParser.result(in:))
        if let log, let memory = RunLogParser.memory(in: log) {
            try await MemoryWriter(client: client).write(memory, instance: run.spec.instanceRef, namespace: namespace)
        }
        var status = run.status ?? AgentRunStatus()
        status.podName = podName ?? status.podName
        status.completedAt = .now
        status.tokenUsage = result?.tokenUsage ?? status.tokenUsage
        status.result = result?.response
        if JobOutcome(job) == .succeeded, result?.succeeded ?? true {
            status.phase = .succeeded
            status.exitCode = 0
            status.conditions.upsert(ReadyCondition.ready("Succeeded", "the agent finished", generation: run.metadata.generation))
        } else {
            status.phase = .failed
            status.exitCode = 1
            status.error = result?.error ?? JobOutcome.failureMessage(job)
            status.conditions.upsert(
                ReadyCondition.notReady("Failed", status.error ?? "the agent failed", generation: run.metadata.generation))
        }
        let updated = try await api.updateStatus(of: run, to: status)
        if status.phase == .succeeded {
            await events.normal(updated, reason: "Succeeded", "the agent finished")
        } else {
            await events.warning(updated, reason: "Failed", status.error ?? "the agent failed")
        }
        await announce(updated)
        context.logger.info("run finished", metadata: ["agent.run": "\(run.metadata.name ?? "")", "phase": "\(status.phase?.rawValue ?? "")"])
        try await finish(updated)
        return .awaitChange
    }

    /// Marks the run Failed with a reason (once) and releases what it holds.
    private func fail(_ run: AgentRun, reason: String, _ message: String, podName: String? = nil) async throws -> ReconcileAction {
        var status = run.status ?? AgentRunStatus()
        status.phase = .failed
        status.error = message
        status.podName = podName ?? status.podName
        status.completedAt = .now
        status.conditions.upsert(ReadyCondition.notReady(reason, message, generation: run.metadata.generation))
        let updated = try await api.updateStatus(of: run, to: status)
        await events.warning(updated, reason: reason, message)
        await announce(updated)
        try await finish(updated)
        return .awaitChange
    }

    /// After a terminal phase: drop cluster RBAC, apply the cleanup policy, prune history.
    private func finish(_ run: AgentRun) async throws {
        await gate.release(run)
        try await releaseClusterRBAC(run)
        let namespace = run.metadata.namespace ?? "default"
        if run.spec.cleanup == .delete, let jobName = run.status?.jobName {
            try await writer.delete(Job.self, namespace: namespace, name: jobName)
        }
        try await RunHistory(client: client, runs: runs, limit: settings.runHistoryLimit).prune(instance: run.spec.instanceRef, namespace: namespace)
    }

    /// Publishes the run's outcome once (de-duplicated by the run's uid), for
    /// the reply router and a parent run's IPC bridge.
    private func announce(_ run: AgentRun) async {
        guard let bus, let phase = run.status?.phase, phase.isTerminal, let name = run.metadata.name else { return }
        var metadata = [
            EventMetadata.agentRunID: name, EventMetadata.instanceName: run.spec.instanceRef,
            EventMetadata.namespace: run.metadata.namespace ?? "default",
        ]
        if let parent = run.spec.parent { metadata[EventMetadata.parentRunID] = parent.runName }
        if let request = run.metadata.annotations[RouterAnnotation.spawnRequestID] { metadata[EventMetadata.spawnRequestID] = request }
        let completion = RunCompletion(
            status: phase == .succeeded ? "success" : "error", response: run.status?.result, error: run.status?.error)
        do {
            let event = try BusEvent(
                topic: phase == .succeeded ? EventTopic.agentRunCompleted : EventTopic.agentRunFailed, metadata: metadata, payload: completion)
            try await bus.publish(event, deduplicationID: "\(run.metadata.uid ?? name)-terminal")
        } catch {
            logger.warning("cannot announce the run's outcome", metadata: ["agent.run": "\(name)", "error": "\(error)"])
        }
    }

    static func needsClusterRBAC(_ run: AgentRun, skills: [ResolvedSkill]) -> Bool {
        let rbac = SkillRBACBuilder(run: run)
        return skills.contains { skill in
            skill.sidecar.map { rbac.clusterRole(pack: skill.name, sidecar: $0) != nil } ?? false
        }
    }

    /// Deletes the run's cluster RBAC and drops the finalizer that guards it;
    /// nothing to do for a run that never took the finalizer.
    private func releaseClusterRBAC(_ run: AgentRun) async throws {
        guard run.metadata.finalizers.contains(Self.finalizer) else { return }
        try await deleteClusterRBAC(run)
        _ = try await removeFinalizer(Self.finalizer, api: api, from: run)
    }

    private func deleteClusterRBAC(_ run: AgentRun) async throws {
        let selector = ListParameters(labelSelector: SkillRBACBuilder(run: run).clusterSelector)
        try await Api<ClusterRoleBinding>(client).deleteCollection(selector)
        try await Api<ClusterRole>(client).deleteCollection(selector)
    }

    private func podName(job: String, namespace: String) async throws -> String? {
        let pods = try await Api<Pod>(client, namespace: namespace).list(ListParameters(labelSelector: "job-name=\(job)"))
        return pods.items.max { ($0.metadata.creationTimestamp?.date ?? .distantPast) < ($1.metadata.creationTimestamp?.date ?? .distantPast) }?
            .metadata.name
    }

    private func agentLog(pod: String, namespace: String) async throws -> String? {
        do {
            let response = try await client.send(
                KubeRequest(path: "/api/v1/namespaces/\(namespace)/pods/\(pod)/log", query: [("container", "agent")]))
            return String(decoding: response.body, as: UTF8.self)
        } catch let error as KubeAPIError {
            _ = error
            return nil
        }
    }

    private func timeoutRequeue(_ run: AgentRun) -> ReconcileAction? {
        guard let timeout = run.spec.timeoutDuration, let started = run.status?.startedAt?.date else { return nil }
        let remaining = max(1, timeout.seconds - Date().timeIntervalSince(started) + 1)
        return .requeue(after: .milliseconds(Int64(remaining * 1000)))
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
