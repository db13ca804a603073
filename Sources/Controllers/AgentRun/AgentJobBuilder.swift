import KubeModel
import SympoziumAPI

/// Builds the Job of an AgentRun: the agent container, the IPC bridge, the
/// optional sandbox and the skill sidecars, with the volumes, security
/// context and environment the agent runner expects. Pure: no I/O.
struct AgentJobBuilder: Sendable {
    var run: AgentRun
    var instance: SympoziumInstance
    var policyName: String?
    var skills: [ResolvedSkill]
    var settings: ControllerSettings
    /// Sandbox image from the policy when the run names none.
    var policySandboxImage: String?

    var names: AgentRunNames { AgentRunNames(run: run.metadata.name ?? "") }
    var namespace: String { run.metadata.namespace ?? "default" }
    var memoryEnabled: Bool { instance.spec.memory?.enabled == true }
    var sandboxEnabled: Bool { run.spec.sandbox?.enabled == true }

    /// Labels every agent pod carries; the NetworkPolicy and the instance's
    /// pod count select on them.
    var podLabels: [String: String] {
        var labels = [
            SympoziumLabel.role: "agent",
            SympoziumLabel.agentRun: names.run,
            SympoziumLabel.instance: run.spec.instanceRef,
            SympoziumLabel.sandbox: sandboxEnabled ? "true" : "false",
            SympoziumLabel.managedBy: ControllerLabel.managedByValue,
        ]
        if let policyName { labels[ControllerLabel.policy] = policyName }
        return labels
    }

    func job() -> Job {
        var spec = JobSpec(
            activeDeadlineSeconds: run.spec.timeoutDuration.map { max(1, Int64($0.seconds.rounded(.up))) }, backoffLimit: 0,
            template: PodTemplateSpec(metadata: ObjectMeta(labels: podLabels), spec: podSpec()))
        if run.spec.cleanup != .keep { spec.ttlSecondsAfterFinished = Int32(settings.jobTTLSecondsAfterFinished) }
        var metadata = ObjectMeta(name: names.job, namespace: namespace, labels: [
            SympoziumLabel.agentRun: names.run, SympoziumLabel.instance: run.spec.instanceRef,
            SympoziumLabel.managedBy: ControllerLabel.managedByValue,
        ])
        metadata.ownerReferences = [run.ownerReference]
        return Job(metadata: metadata, spec: spec)
    }

    func podSpec() -> PodSpec {
        var containers = [agentContainer(), ipcBridgeContainer()]
        if sandboxEnabled { containers.append(sandboxContainer()) }
        containers += skills.compactMap { skill in skill.sidecar.map { sidecarContainer(skill.name, $0) } }
        var spec = PodSpec(
            volumes: volumes(), containers: containers, restartPolicy: .never, serviceAccountName: names.serviceAccount,
            automountServiceAccountToken: false,
            securityContext: PodSecurityContext(
                runAsUser: settings.agentUID, runAsGroup: settings.agentUID, runAsNonRoot: true, fsGroup: settings.agentUID,
                seccompProfile: SeccompProfile(type: .runtimeDefault)))
        spec.terminationGracePeriodSeconds = 10
        return spec
    }

    // MARK: Containers

    static let restricted = SecurityContext(
        capabilities: Capabilities(drop: ["ALL"]), runAsNonRoot: true, readOnlyRootFilesystem: true,
        allowPrivilegeEscalation: false)

    func agentContainer() -> Container {
        var env: [EnvVar] = [
            EnvVar(name: "AGENT_RUN_ID", value: names.run),
            EnvVar(name: "AGENT_ID", value: run.spec.agentId),
            EnvVar(name: "SESSION_KEY", value: run.spec.sessionKey),
            EnvVar(name: "INSTANCE_NAME", value: run.spec.instanceRef),
            EnvVar(name: "TASK", value: run.spec.task),
            EnvVar(name: "MODEL_PROVIDER", value: run.spec.model.provider),
            EnvVar(name: "MODEL_NAME", value: run.spec.model.model),
            EnvVar(name: "MEMORY_ENABLED", value: memoryEnabled ? "true" : "false"),
        ]
        if let prompt = run.spec.systemPrompt { env.append(EnvVar(name: "SYSTEM_PROMPT", value: prompt)) }
        if let baseURL = run.spec.model.baseURL { env.append(EnvVar(name: "MODEL_BASE_URL", value: baseURL)) }
        if let thinking = run.spec.model.thinking { env.append(EnvVar(name: "THINKING_MODE", value: thinking)) }
        // A run started from a chat: the agent is told where the conversation happens.
        if let channel = run.metadata.annotations[RouterAnnotation.replyChannel], !channel.isEmpty {
            env.append(EnvVar(name: "SOURCE_CHANNEL", value: channel))
            env.append(EnvVar(name: "SOURCE_CHAT_ID", value: run.metadata.annotations[RouterAnnotation.replyChatID] ?? ""))
        }
        if let policy = run.spec.toolPolicy {
            if !policy.allow.isEmpty { env.append(EnvVar(name: "TOOLS_ALLOW", value: policy.allow.joined(separator: ","))) }
            if !policy.deny.isEmpty { env.append(EnvVar(name: "TOOLS_DENY", value: policy.deny.joined(separator: ","))) }
            if !policy.requireApproval.isEmpty {
                env.append(EnvVar(name: "TOOLS_REQUIRE_APPROVAL", value: policy.requireApproval.joined(separator: ",")))
            }
        }
        var mounts = [
            VolumeMount(name: "workspace", mountPath: "/workspace"),
            VolumeMount(name: "ipc", mountPath: "/ipc"),
            VolumeMount(name: "tmp", mountPath: "/tmp"),
            VolumeMount(name: "skills", mountPath: "/skills", readOnly: true),
        ]
        if memoryEnabled { mounts.append(VolumeMount(name: "memory", mountPath: "/memory", readOnly: true)) }
        var container = Container(
            name: "agent", image: settings.agentRunnerImage,
            envFrom: [EnvFromSource(secretRef: SecretEnvSource(name: run.spec.model.authSecretRef))], env: env,
            resources: ResourceRequirements(
                limits: ["cpu": "1", "memory": "1Gi"], requests: ["cpu": "100m", "memory": "128Mi"]),
            volumeMounts: mounts, securityContext: Self.restricted)
        container.imagePullPolicy = .ifNotPresent
        return container
    }

    func ipcBridgeContainer() -> Container {
        var env = [
            EnvVar(name: "AGENT_RUN_ID", value: names.run), EnvVar(name: "INSTANCE_NAME", value: run.spec.instanceRef),
            EnvVar(name: "AGENT_NAMESPACE", value: namespace), EnvVar(name: "EVENT_BUS_URL", value: settings.eventBusURL),
        ]
        // A sub-agent's bridge tags its completion so the parent's bridge can hand the result back.
        if let parent = run.spec.parent { env.append(EnvVar(name: "PARENT_RUN_ID", value: parent.runName)) }
        if let request = run.metadata.annotations[RouterAnnotation.spawnRequestID] { env.append(EnvVar(name: "SPAWN_REQUEST_ID", value: request)) }
        return Container(
            name: "ipc-bridge", image: settings.ipcBridgeImage,
            env: env,
            resources: ResourceRequirements(limits: ["cpu": "200m", "memory": "128Mi"], requests: ["cpu": "10m", "memory": "32Mi"]),
            volumeMounts: [VolumeMount(name: "ipc", mountPath: "/ipc")], securityContext: Self.restricted)
    }

    func sandboxContainer() -> Container {
        let sandbox = run.spec.sandbox
        let image = sandbox?.image ?? policySandboxImage ?? settings.defaultSandboxImage
        var limits: [String: Quantity] = ["cpu": "1", "memory": "512Mi"]
        for (name, value) in sandbox?.resources?.limits ?? [:] {
            if let quantity = Quantity(parsing: value) { limits[name] = quantity }
        }
        return Container(
            name: "sandbox", image: image, command: ["sleep", "infinity"],
            resources: ResourceRequirements(limits: limits),
            volumeMounts: [VolumeMount(name: "workspace", mountPath: "/workspace"), VolumeMount(name: "tmp", mountPath: "/tmp")],
            securityContext: Self.restricted)
    }

    func sidecarContainer(_ pack: String, _ sidecar: SkillSidecar) -> Container {
        var mounts = [
            VolumeMount(name: "ipc", mountPath: "/ipc"),
            VolumeMount(name: "tmp", mountPath: "/tmp"),
            VolumeMount(name: "skill-token", mountPath: "/var/run/secrets/kubernetes.io/serviceaccount", readOnly: true),
        ]
        if sidecar.mountWorkspace ?? true { mounts.append(VolumeMount(name: "workspace", mountPath: "/workspace")) }
        var limits: [String: Quantity] = ["cpu": "500m", "memory": "256Mi"]
        if let cpu = sidecar.resources?.cpu.flatMap(Quantity.init(parsing:)) { limits["cpu"] = cpu }
        if let memory = sidecar.resources?.memory.flatMap(Quantity.init(parsing:)) { limits["memory"] = memory }
        return Container(
            name: "skill-\(pack)", image: sidecar.image, command: sidecar.command,
            env: sidecar.env.map { EnvVar(name: $0.name, value: $0.value) } + [
                EnvVar(name: "AGENT_RUN_ID", value: names.run),
                // Lets the tool executor take only the exec requests addressed to its pack.
                EnvVar(name: "SYMPOZIUM_SKILL_PACK", value: pack),
            ],
            resources: ResourceRequirements(limits: limits), volumeMounts: mounts, securityContext: Self.restricted)
    }

    // MARK: Volumes

    func volumes() -> [Volume] {
        var volumes = [
            Volume(name: "workspace", emptyDir: EmptyDirVolumeSource()),
            Volume(name: "ipc", emptyDir: EmptyDirVolumeSource(medium: "Memory")),
            Volume(name: "tmp", emptyDir: EmptyDirVolumeSource()),
            Volume(name: "skills", projected: ProjectedVolumeSource(sources: skillProjections())),
        ]
        if memoryEnabled {
            volumes.append(Volume(name: "memory", configMap: ConfigMapVolumeSource(name: "\(run.spec.instanceRef)-memory", optional: true)))
        }
        if skills.contains(where: { $0.sidecar != nil }) {
            volumes.append(
                Volume(
                    name: "skill-token",
                    projected: ProjectedVolumeSource(sources: [
                        VolumeProjection(serviceAccountToken: ServiceAccountTokenProjection(expirationSeconds: 3600, path: "token")),
                        VolumeProjection(
                            downwardAPI: DownwardAPIProjection(items: [
                                DownwardAPIVolumeFile(path: "namespace", fieldRef: ObjectFieldSelector(apiVersion: "v1", fieldPath: "metadata.namespace"))
                            ])),
                        VolumeProjection(
                            configMap: ConfigMapProjection(name: "kube-root-ca.crt", items: [KeyToPath(key: "ca.crt", path: "ca.crt")], optional: true)),
                    ])))
        }
        return volumes
    }

    /// Each skill source under its own directory: /skills/<name>/<file>.
    func skillProjections() -> [VolumeProjection] {
        skills.map { skill in
            VolumeProjection(
                configMap: ConfigMapProjection(
                    name: skill.configMapName, items: skill.files.map { KeyToPath(key: $0, path: "\(skill.name)/\($0)") }))
        }
    }
}
