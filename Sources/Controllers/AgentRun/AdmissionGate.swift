import KubeRuntime
import SympoziumAPI

/// Admits runs one at a time per instance, so two runs reconciled at once
/// cannot both take the last concurrency slot. It remembers runs it admitted
/// until the cache shows them, and forgets them when they finish.
actor AdmissionGate {
    private var admitted: [String: Set<String>] = [:]

    /// Admits the run when fewer than `limit` runs of the instance are in flight.
    func admit(_ run: AgentRun, instance: String, limit: Int, runs: Store<AgentRun>) -> Bool {
        let key = "\(run.metadata.namespace ?? "")/\(instance)"
        let name = run.metadata.name ?? ""
        var inFlight = Set(
            runs.list(namespace: run.metadata.namespace ?? "default").filter {
                $0.spec.instanceRef == instance && $0.status?.phase == .running
            }.compactMap(\.metadata.name))
        // Admitted here but not yet visible as Running in the cache.
        for other in admitted[key] ?? [] {
            let cached = runs.get(namespace: run.metadata.namespace, name: other)
            if cached == nil || cached?.status?.phase?.isTerminal == true {
                admitted[key]?.remove(other)
            } else {
                inFlight.insert(other)
            }
        }
        inFlight.remove(name)
        guard inFlight.count < limit else { return false }
        admitted[key, default: []].insert(name)
        return true
    }

    func release(_ run: AgentRun) {
        let key = "\(run.metadata.namespace ?? "")/\(run.spec.instanceRef)"
        admitted[key]?.remove(run.metadata.name ?? "")
    }
}
