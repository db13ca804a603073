import Foundation
import EventBus

/// What the bridge needs to know about its pod.
public struct IPCBridgeConfiguration: Sendable {
    public var ipcDirectory: URL
    public var agentRunID: String
    public var instanceName: String
    public var namespace: String?
    /// Set on a spawned child's bridge: its completion carries them so the
    /// parent's bridge can write `spawn/result-<requestId>.json`.
    public var parentRunID: String?
    public var spawnRequestID: String?
    /// Gate mode: the controller publishes the completion; the bridge does not.
    public var suppressCompletion = false
    /// How long the bridge lingers after the run finished (publishes settle).
    public var exitGracePeriod: Duration = .seconds(2)
    /// How long one file's publish is retried while the bus is unreachable.
    public var publishRetryWindow: Duration = .seconds(60)

    public init(ipcDirectory: URL, agentRunID: String, instanceName: String, namespace: String? = nil) {
        self.ipcDirectory = ipcDirectory
        self.agentRunID = agentRunID
        self.instanceName = instanceName
        self.namespace = namespace
    }

    /// From the pod environment: `SYMPOZIUM_IPC_DIR` (default /ipc), `AGENT_RUN_ID`,
    /// `INSTANCE_NAME`, `AGENT_NAMESPACE`, `PARENT_RUN_ID`, `SPAWN_REQUEST_ID`,
    /// `GATE_SUPPRESS_COMPLETION`.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws -> IPCBridgeConfiguration {
        guard let runID = environment["AGENT_RUN_ID"], !runID.isEmpty else {
            throw IPCBridgeError(code: "missingRunID", message: "AGENT_RUN_ID is not set")
        }
        var configuration = IPCBridgeConfiguration(
            ipcDirectory: URL(fileURLWithPath: environment["SYMPOZIUM_IPC_DIR"] ?? "/ipc"),
            agentRunID: runID,
            instanceName: environment["INSTANCE_NAME"] ?? "",
            namespace: environment["AGENT_NAMESPACE"].flatMap { $0.isEmpty ? nil : $0 })
        configuration.parentRunID = environment["PARENT_RUN_ID"].flatMap { $0.isEmpty ? nil : $0 }
        configuration.spawnRequestID = environment["SPAWN_REQUEST_ID"].flatMap { $0.isEmpty ? nil : $0 }
        configuration.suppressCompletion = environment["GATE_SUPPRESS_COMPLETION"] == "true"
        return configuration
    }

    /// Metadata on every event the bridge publishes.
    public var metadata: [String: String] {
        var metadata = [EventMetadata.agentRunID: agentRunID, EventMetadata.instanceName: instanceName]
        if let namespace { metadata[EventMetadata.namespace] = namespace }
        if let parentRunID { metadata[EventMetadata.parentRunID] = parentRunID }
        if let spawnRequestID { metadata[EventMetadata.spawnRequestID] = spawnRequestID }
        return metadata
    }
}
