import EventBus
import Foundation
import KubeClient
import KubeModel
import SympoziumAPI

extension ChannelRouter {
    /// channel.health.update → the instance's status.channels entry: its
    /// lastHealthCheck, and Error with the pod's reason while it is unhealthy.
    func health(_ event: BusEvent) async throws -> RouteOutcome {
        guard let report = try? event.decodeData(as: ChannelHealth.self) else {
            return .reject("channel.health.update data is not a channel health report")
        }
        guard let instance = try await InstanceLookup(client: client).find(report.instanceName, namespace: event.metadata[EventMetadata.namespace]),
            instance.spec.channels.contains(where: { $0.type.rawValue == report.channel })
        else { return .done }
        var status = instance.status ?? SympoziumInstanceStatus()
        let checked = Time(event.timestamp)
        var entry = status.channels.first { $0.type == report.channel }
            ?? ChannelStatus(type: report.channel, status: SympoziumInstanceStatus.channelPending)
        // A late report must not undo a newer one.
        if let last = entry.lastHealthCheck, last.date > checked.date { return .done }
        entry.lastHealthCheck = checked
        switch report.status {
        case .healthy:
            entry.status = SympoziumInstanceStatus.channelConnected
            entry.message = nil
        case .unhealthy:
            entry.status = SympoziumInstanceStatus.channelError
            entry.message = report.message ?? "the channel pod reports it is unhealthy"
        }
        if let index = status.channels.firstIndex(where: { $0.type == report.channel }) {
            status.channels[index] = entry
        } else {
            status.channels.append(entry)
        }
        status.summarizeChannels(generation: instance.metadata.generation)
        try await Api<SympoziumInstance>(client).updateStatus(of: instance, to: status)
        return .done
    }
}
