import KubeClient
import KubeModel
import KubeRuntime
import SympoziumAPI

/// Runs an instance's channels, keeps its memory ConfigMap, and reports its
/// channels, agent pods and runs in status.
struct SympoziumInstanceReconciler: Reconciler {
    let client: KubeClient
    let settings: ControllerSettings
    let deployments: Store<Deployment>
    let runs: Store<AgentRun>
    let agentPods: Store<Pod>
    static let finalizer = "sympozium.ai/instance-cleanup"

    var api: Api<SympoziumInstance> { Api(client) }

    func reconcile(_ instance: SympoziumInstance, context: ReconcileContext) async throws -> ReconcileAction {
        try await reconcileWithFinalizer(Self.finalizer, api: api, object: instance) { event in
            switch event {
            case .apply(let instance):
                return try await apply(instance)
            case .cleanup(let instance):
                // Runs name their instance but are not owned by it: remove them explicitly.
                guard let name = instance.metadata.name, let namespace = instance.metadata.namespace else { return .awaitChange }
                let api = Api<AgentRun>(client, namespace: namespace)
                for run in runs.list(namespace: namespace) where run.spec.instanceRef == name {
                    do {
                        try await api.delete(run.metadata.name ?? "")
                    } catch let error as KubeAPIError where error.isNotFound {
                    }
                }
                return .awaitChange
            }
        }
    }

    private func apply(_ instance: SympoziumInstance) async throws -> ReconcileAction {
        guard let name = instance.metadata.name, let namespace = instance.metadata.namespace else { return .awaitChange }
        let writer = ChildWriter(client: client)
        let builder = ChannelDeploymentBuilder(instance: instance, settings: settings)
        var wanted = Set<String>()
        for channel in instance.spec.channels {
            let deployment = builder.deployment(for: channel)
            wanted.insert(deployment.metadata.name ?? "")
            try await writer.apply(deployment)
        }
        // Prune channels removed from the spec.
        let existing = deployments.list(labels: [SympoziumLabel.instance: name, SympoziumLabel.component: "channel"], namespace: namespace)
        for deployment in existing where !wanted.contains(deployment.metadata.name ?? "") {
            try await writer.delete(Deployment.self, namespace: namespace, name: deployment.metadata.name ?? "")
        }
        if let memory = instance.spec.memory, memory.enabled {
            try await ensureMemory(instance, namespace: namespace)
        }

        var status = instance.status ?? SympoziumInstanceStatus()
        status.channels = instance.spec.channels.map { channel in
            let deployment = deployments.get(
                namespace: namespace, name: ChannelDeploymentBuilder.name(instance: name, channel: channel.type.rawValue))
            let ready = (deployment?.status?.readyReplicas ?? 0) > 0
            let previous = instance.status?.channels.first { $0.type == channel.type.rawValue }
            // A channel pod that reported why it fails (a rejected token) keeps
            // that report until it reports healthy: its restarts do not hide it.
            if let previous, previous.status == SympoziumInstanceStatus.channelError {
                return previous
            }
            return ChannelStatus(
                type: channel.type.rawValue,
                status: ready ? SympoziumInstanceStatus.channelConnected : SympoziumInstanceStatus.channelPending,
                lastHealthCheck: previous?.lastHealthCheck, message: ready ? nil : "waiting for the channel Deployment to become ready")
        }
        status.activeAgentPods = agentPods.list(labels: [SympoziumLabel.instance: name], namespace: namespace)
            .filter { $0.status?.phase == .running }.count
        status.totalAgentRuns = Int64(runs.list(namespace: namespace).filter { $0.spec.instanceRef == name }.count)
        status.summarizeChannels(generation: instance.metadata.generation)
        try await api.updateStatus(of: instance, to: status)
        return .awaitChange
    }

    /// Creates `<instance>-memory` once; runs update it afterwards.
    private func ensureMemory(_ instance: SympoziumInstance, namespace: String) async throws {
        let name = MemoryWriter.configMapName(instance.metadata.name ?? "")
        let configMaps = Api<ConfigMap>(client, namespace: namespace)
        guard try await configMaps.getIfExists(name) == nil else { return }
        var configMap = ConfigMap(
            metadata: ObjectMeta(name: name, namespace: namespace, labels: [
                SympoziumLabel.instance: instance.metadata.name ?? "", SympoziumLabel.managedBy: ControllerLabel.managedByValue,
            ]),
            data: ["MEMORY.md": MemoryWriter.placeholder])
        configMap.metadata.ownerReferences = [instance.ownerReference]
        do {
            _ = try await configMaps.create(configMap)
        } catch let error as KubeAPIError where error.isAlreadyExists {
        }
    }
}
