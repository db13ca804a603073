import Foundation

/// Everything the controllers need to know about their environment: images,
/// the event bus, defaults. One place, set from flags or environment, so no
/// image name or version is a literal anywhere else.
public struct ControllerSettings: Sendable, Hashable {
    /// Registry and tag of Sympozium's own images.
    public var imageRegistry = "ghcr.io/sympozium-ai/sympozium"
    public var imageTag = "v0.1.0"
    /// The agent container's image.
    public var agentRunnerImage: String { "\(imageRegistry)/agent-runner:\(imageTag)" }
    /// The IPC bridge sidecar's image.
    public var ipcBridgeImage: String { "\(imageRegistry)/ipc-bridge:\(imageTag)" }
    /// A channel Deployment's image ("telegram" → .../channel-telegram:tag).
    public func channelImage(_ type: String) -> String { "\(imageRegistry)/channel-\(type):\(imageTag)" }
    /// The sandbox container when neither the run nor the policy names one.
    public var defaultSandboxImage: String { "\(imageRegistry)/sandbox:\(imageTag)" }
    /// What agent pods and channels use to reach the event bus.
    public var eventBusURL = "nats://nats.sympozium-system.svc:4222"
    /// Label selector of the event bus pods, for the egress NetworkPolicy rule.
    public var eventBusPodLabels = ["app.kubernetes.io/name": "nats"]
    public var eventBusNamespace = "sympozium-system"
    public var eventBusPort = 4222
    /// Finished runs kept per instance (older ones are deleted).
    public var runHistoryLimit = 50
    /// Seconds a finished run's Job stays before Kubernetes removes it.
    public var jobTTLSecondsAfterFinished = 300
    /// UID and GID every agent-pod container runs as.
    public var agentUID: Int64 = 1000

    public init() {}

    /// Reads SYMPOZIUM_IMAGE_REGISTRY, SYMPOZIUM_IMAGE_TAG, SYMPOZIUM_EVENT_BUS_URL
    /// and SYMPOZIUM_RUN_HISTORY_LIMIT over the defaults.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> ControllerSettings {
        var settings = ControllerSettings()
        if let value = environment["SYMPOZIUM_IMAGE_REGISTRY"], !value.isEmpty { settings.imageRegistry = value }
        if let value = environment["SYMPOZIUM_IMAGE_TAG"], !value.isEmpty { settings.imageTag = value }
        if let value = environment["SYMPOZIUM_EVENT_BUS_URL"], !value.isEmpty { settings.eventBusURL = value }
        if let value = environment["SYMPOZIUM_RUN_HISTORY_LIMIT"], let limit = Int(value), limit >= 0 {
            settings.runHistoryLimit = limit
        }
        return settings
    }
}
