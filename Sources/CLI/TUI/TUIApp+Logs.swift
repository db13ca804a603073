import Foundation
import KubeClient
import KubeModel
import NIOCore
import SympoziumAPI

extension TUIApp {
    /// Opens the log panel of a run (its agent container), a pod (its first
    /// container) or a channel (its pod), following the stream.
    func openLogs(_ ref: TUIObjectRef, state: inout TUIState) {
        let id = state.openPanel(
            kind: .logs, title: "Logs of \(ref.view.singular) \(ref.namespace)/\(ref.name)", lines: [TUIPanel.waiting], follow: true,
            source: .logs(ref))
        let client = client
        let feed = tasks.withLock { $0.feed }
        let continuation = continuation
        let task = Task {
            do {
                let (pod, container) = try await Self.logTarget(ref, client: client, feed: feed)
                continuation.yield(.update { $0.panel?.title = "Logs of \(ref.view.singular) \(ref.name): pod \(pod), container \(container)" })
                let request = KubeRequest(
                    path: "/api/v1/namespaces/\(KubeRequest.segment(ref.namespace))/pods/\(KubeRequest.segment(pod))/log",
                    query: [("container", container), ("follow", "true"), ("tailLines", "2000")])
                let body = try await client.stream(request, deadline: .now() + .hours(24))
                var pending: [UInt8] = []
                for try await chunk in body {
                    pending += chunk.readableBytesView
                    // Whole lines only, so a UTF-8 character is never split.
                    guard let end = pending.lastIndex(of: UInt8(ascii: "\n")) else { continue }
                    let text = String(decoding: pending[...end], as: UTF8.self)
                    pending.removeSubrange(...end)
                    continuation.yield(.update { $0.appendToPanel(id, text) })
                }
                let rest = String(decoding: pending, as: UTF8.self)
                continuation.yield(.update { state in
                    state.appendToPanel(id, rest)
                    state.finishPanel(id, note: "— end of log —")
                })
            } catch is CancellationError {
                return
            } catch let error as KubeAPIError where error.isNotFound {
                let message = error.message
                continuation.yield(.update { $0.finishPanel(id, note: "no log: \(message)") })
            } catch {
                guard !Task.isCancelled else { return }
                let message = Self.describe(error)
                continuation.yield(.update { $0.finishPanel(id, note: "error: \(message)") })
            }
        }
        let previous = tasks.withLock { tasks in
            defer { tasks.panelTask = task }
            return tasks.panelTask
        }
        previous?.cancel()
    }

    /// The pod and container whose log a row means.
    static func logTarget(_ ref: TUIObjectRef, client: KubeClient, feed: TUIClusterFeed?) async throws -> (pod: String, container: String) {
        switch ref.view {
        case .runs:
            let run = try await Api<AgentRun>(client, namespace: ref.namespace).get(ref.name)
            var podName = run.status?.podName
            if podName == nil, let job = run.status?.jobName {
                podName = try await Api<Pod>(client, namespace: ref.namespace).list(ListParameters(labelSelector: "job-name=\(job)")).items.first?
                    .metadata.name
            }
            guard let podName else {
                throw TUIError(code: "NoPod", "run \(ref.name) has no pod yet (phase \(run.status?.phase?.rawValue ?? "Pending")); press r to retry")
            }
            return (podName, "agent")
        case .pods:
            let pod = try await Api<Pod>(client, namespace: ref.namespace).get(ref.name)
            guard let container = pod.spec.containers.first?.name else { throw TUIError(code: "NoContainer", "pod \(ref.name) has no containers") }
            return (ref.name, container)
        case .channels:
            let deployment = try await Api<Deployment>(client, namespace: ref.namespace).get(ref.name)
            let selector = deployment.spec.selector?.matchLabels.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: ",") ?? ""
            guard !selector.isEmpty,
                let pod = try await Api<Pod>(client, namespace: ref.namespace).list(ListParameters(labelSelector: selector)).items.first,
                let name = pod.metadata.name
            else {
                throw TUIError(code: "NoPod", "channel \(ref.name) has no pod yet; press r to retry")
            }
            return (name, pod.spec.containers.first?.name ?? "")
        default:
            throw TUIError(code: "NoLogs", "\(ref.view.title.lowercased()) have no logs")
        }
    }
}
