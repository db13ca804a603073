import KubeModel
import SympoziumAPI

/// One Deployment per channel of an instance. Pure: no I/O.
struct ChannelDeploymentBuilder: Sendable {
    var instance: SympoziumInstance
    var settings: ControllerSettings

    static func name(instance: String, channel: String) -> String { "\(instance)-channel-\(channel)" }

    func labels(_ channel: String) -> [String: String] {
        [
            SympoziumLabel.component: "channel", SympoziumLabel.channel: channel,
            SympoziumLabel.instance: instance.metadata.name ?? "", SympoziumLabel.managedBy: ControllerLabel.managedByValue,
        ]
    }

    func deployment(for channel: ChannelSpec) -> Deployment {
        let instanceName = instance.metadata.name ?? ""
        let type = channel.type.rawValue
        let labels = labels(type)
        var container = Container(
            name: "channel", image: settings.channelImage(type),
            env: [
                EnvVar(name: "INSTANCE_NAME", value: instanceName), EnvVar(name: "INSTANCE_NAMESPACE", value: instance.metadata.namespace ?? ""),
                EnvVar(name: "EVENT_BUS_URL", value: settings.eventBusURL),
            ],
            resources: ResourceRequirements(limits: ["cpu": "200m", "memory": "128Mi"], requests: ["cpu": "10m", "memory": "32Mi"]),
            securityContext: AgentJobBuilder.restricted)
        if let secret = channel.configRef?.secret {
            container.envFrom = [EnvFromSource(secretRef: SecretEnvSource(name: secret))]
        }
        let podSpec = PodSpec(
            containers: [container], automountServiceAccountToken: false,
            securityContext: PodSecurityContext(
                runAsUser: settings.agentUID, runAsGroup: settings.agentUID, runAsNonRoot: true,
                seccompProfile: SeccompProfile(type: .runtimeDefault)))
        var metadata = ObjectMeta(name: Self.name(instance: instanceName, channel: type), namespace: instance.metadata.namespace, labels: labels)
        metadata.ownerReferences = [instance.ownerReference]
        return Deployment(
            metadata: metadata,
            spec: DeploymentSpec(
                replicas: 1, selector: LabelSelector(matchLabels: labels),
                template: PodTemplateSpec(metadata: ObjectMeta(labels: labels), spec: podSpec)))
    }
}
