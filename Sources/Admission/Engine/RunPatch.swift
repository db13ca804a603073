import KubeModel
import SympoziumAPI

/// A run being mutated together with the RFC 6902 operations that describe
/// each change, so the webhook's patch and the embedded chain's result agree.
struct RunPatch: Sendable {
    private(set) var run: AgentRun
    private(set) var operations: [JSONValue] = []

    init(run: AgentRun) {
        self.run = run
    }

    mutating func add(_ path: String, _ value: JSONValue, _ apply: (inout AgentRun) -> Void) {
        operations.append(["op": "add", "path": .string(path), "value": value])
        apply(&run)
    }

    /// Adds or replaces one label of a run that already has labels.
    mutating func setLabel(_ key: String, _ value: String) {
        guard run.metadata.labels[key] != value else { return }
        let op = run.metadata.labels[key] == nil ? "add" : "replace"
        operations.append(["op": .string(op), "path": .string("/metadata/labels/\(Self.escape(key))"), "value": .string(value)])
        run.metadata.labels[key] = value
    }

    /// RFC 6901 escaping of one reference token.
    static func escape(_ token: String) -> String {
        token.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }
}
