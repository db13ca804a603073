import Foundation
import KubeClient
import KubeModel
import Logging

/// Writes a pod's status, newest first: while one write is in flight only
/// the latest submitted status waits, so writes never reorder or pile up.
final class StatusPublisher: Sendable {
    private let stream: AsyncStream<PodStatus>
    private let continuation: AsyncStream<PodStatus>.Continuation
    let api: Api<Pod>
    let name: String
    let logger: Logger

    init(api: Api<Pod>, name: String, logger: Logger) {
        (stream, continuation) = AsyncStream.makeStream(of: PodStatus.self, bufferingPolicy: .bufferingNewest(1))
        self.api = api
        self.name = name
        self.logger = logger
    }

    func submit(_ status: PodStatus) { continuation.yield(status) }

    func finish() { continuation.finish() }

    func run() async {
        var last: PodStatus?
        for await status in stream where status != last {
            do {
                struct StatusOnly: Encodable { var status: PodStatus }
                _ = try await api.patchStatus(name, .merge(try JSONValue(encoding: StatusOnly(status: status))))
                last = status
            } catch let error as KubeAPIError where error.isNotFound {
                return
            } catch {
                logger.warning("cannot write pod status", metadata: ["error": "\(error)"])
            }
        }
    }
}
