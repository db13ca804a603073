/// metav1.LabelSelector.
public struct LabelSelector: Codable, Hashable, Sendable {
    @OmitEmpty public var matchLabels: [String: String] = [:]
    @OmitEmpty public var matchExpressions: [LabelSelectorRequirement] = []

    public init(matchLabels: [String: String] = [:], matchExpressions: [LabelSelectorRequirement] = []) {
        self.matchLabels = matchLabels
        self.matchExpressions = matchExpressions
    }

    /// Whether the labels satisfy every term. An empty selector matches everything.
    public func matches(_ labels: [String: String]) -> Bool {
        for (key, value) in matchLabels where labels[key] != value { return false }
        return matchExpressions.allSatisfy { $0.matches(labels) }
    }
}

/// One set-based term of a label selector.
public struct LabelSelectorRequirement: Codable, Hashable, Sendable {
    public var key: String
    /// "In", "NotIn", "Exists" or "DoesNotExist".
    public var `operator`: String
    @OmitEmpty public var values: [String] = []

    public init(key: String, operator: String, values: [String] = []) {
        self.key = key
        self.operator = `operator`
        self.values = values
    }

    public func matches(_ labels: [String: String]) -> Bool {
        switch `operator` {
        case "In": labels[key].map(values.contains) ?? false
        case "NotIn": labels[key].map { !values.contains($0) } ?? true
        case "Exists": labels[key] != nil
        case "DoesNotExist": labels[key] == nil
        default: false
        }
    }
}
