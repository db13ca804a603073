import KubeModel
import SympoziumAPI

extension SympoziumInstanceStatus {
    static let channelConnected = "Connected"
    static let channelPending = "Pending"
    static let channelError = "Error"

    /// Phase and Ready condition from the channels' states: Running when every
    /// channel is connected. Shared by the instance reconciler (Deployment
    /// readiness) and the channel router (the channel pods' health reports),
    /// so whichever writes last leaves a consistent status.
    mutating func summarizeChannels(generation: Int64?) {
        let failing = channels.filter { $0.status == Self.channelError }
        let pending = channels.filter { $0.status != Self.channelConnected }
        phase = pending.isEmpty ? "Running" : (failing.isEmpty ? "Pending" : "Error")
        if pending.isEmpty {
            conditions.upsert(ReadyCondition.ready("Reconciled", "all channels are running", generation: generation))
        } else if !failing.isEmpty {
            let reasons = failing.map { "\($0.type): \($0.message ?? "unhealthy")" }.joined(separator: "; ")
            conditions.upsert(ReadyCondition.notReady("ChannelError", "channels failing: \(reasons)", generation: generation))
        } else {
            conditions.upsert(
                ReadyCondition.notReady(
                    "ChannelsPending", "channels not ready: \(pending.map(\.type).joined(separator: ", "))", generation: generation))
        }
    }
}
