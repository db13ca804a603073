import KubeClient
import KubeModel
import KubeRuntime
import SympoziumAPI

/// Keeps the newest `limit` finished runs of each instance and deletes the rest.
struct RunHistory: Sendable {
    let client: KubeClient
    let runs: Store<AgentRun>
    let limit: Int

    func prune(instance: String, namespace: String) async throws {
        let finished = runs.list(namespace: namespace).filter {
            $0.spec.instanceRef == instance && $0.status?.phase?.isTerminal == true && $0.metadata.deletionTimestamp == nil
        }
        guard finished.count > limit else { return }
        let newestFirst = finished.sorted {
            ($0.status?.completedAt?.date ?? .distantPast) > ($1.status?.completedAt?.date ?? .distantPast)
        }
        let api = Api<AgentRun>(client, namespace: namespace)
        for run in newestFirst.dropFirst(limit) {
            guard let name = run.metadata.name else { continue }
            do {
                try await api.delete(name)
            } catch let error as KubeAPIError where error.isNotFound {
            }
        }
    }
}
