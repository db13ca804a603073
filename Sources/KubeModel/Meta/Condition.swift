/// "True", "False" or "Unknown".
public struct ConditionStatus: OpenEnum {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let `true`: ConditionStatus = "True"
    public static let `false`: ConditionStatus = "False"
    public static let unknown: ConditionStatus = "Unknown"
    public static let knownValues: [ConditionStatus] = [.true, .false, .unknown]
}

/// metav1.Condition.
public struct Condition: Codable, Hashable, Sendable {
    public var type: String
    public var status: ConditionStatus
    public var observedGeneration: Int64?
    public var lastTransitionTime: Time
    public var reason: String
    public var message: String

    public init(
        type: String, status: ConditionStatus, observedGeneration: Int64? = nil,
        lastTransitionTime: Time = .now, reason: String, message: String = ""
    ) {
        self.type = type
        self.status = status
        self.observedGeneration = observedGeneration
        self.lastTransitionTime = lastTransitionTime
        self.reason = reason
        self.message = message
    }
}

extension Array where Element == Condition {
    public subscript(type type: String) -> Condition? {
        first { $0.type == type }
    }

    /// Sets a condition as `meta.SetStatusCondition` does: lastTransitionTime
    /// moves only when the status changes. Returns whether anything changed.
    @discardableResult
    public mutating func set(_ condition: Condition) -> Bool {
        guard let index = firstIndex(where: { $0.type == condition.type }) else {
            append(condition)
            return true
        }
        var updated = condition
        if self[index].status == condition.status {
            updated.lastTransitionTime = self[index].lastTransitionTime
        }
        guard self[index] != updated else { return false }
        self[index] = updated
        return true
    }

    public func isTrue(_ type: String) -> Bool {
        self[type: type]?.status == .true
    }
}
