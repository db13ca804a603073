/// Extended thinking as the run asks for it (`THINKING_MODE`).
public enum ThinkingMode: String, Sendable, Hashable {
    case off, low, medium, high

    public init(environmentValue: String?) {
        switch environmentValue?.lowercased().trimmingCharacters(in: .whitespaces) {
        case "low", "minimal": self = .low
        case "medium", "on", "true", "enabled": self = .medium
        case "high": self = .high
        default: self = .off
        }
    }

    /// Anthropic's `budget_tokens` (at least 1024).
    var anthropicBudget: Int? {
        switch self {
        case .off: nil
        case .low: 2048
        case .medium: 8192
        case .high: 24576
        }
    }

    /// OpenAI's `reasoning_effort`.
    var openAIEffort: String? { self == .off ? nil : rawValue }
}
