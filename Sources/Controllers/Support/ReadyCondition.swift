import KubeModel

/// The `Ready` condition every Sympozium status carries.
enum ReadyCondition {
    static let type = "Ready"

    static func ready(_ reason: String, _ message: String, generation: Int64?) -> Condition {
        Condition(type: type, status: .true, observedGeneration: generation, reason: reason, message: message)
    }

    static func notReady(_ reason: String, _ message: String, generation: Int64?) -> Condition {
        Condition(type: type, status: .false, observedGeneration: generation, reason: reason, message: message)
    }
}

extension Array where Element == Condition {
    /// Sets a condition, keeping lastTransitionTime when the status did not change.
    mutating func upsert(_ condition: Condition) {
        _ = set(condition)
    }
}
