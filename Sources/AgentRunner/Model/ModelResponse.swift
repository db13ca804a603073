/// What a model answered.
public struct ModelResponse: Sendable, Hashable {
    public var text: String
    public var toolCalls: [ToolCall]
    public var thinking: [ThinkingBlock]
    public var usage: TokenCount
    /// Why the model stopped (`stop`, `tool_calls`, `end_turn`, `tool_use`, `max_tokens`...).
    public var stopReason: String?
    /// The model that answered (the endpoint's, after failover).
    public var endpoint: ModelEndpoint?

    public init(
        text: String = "", toolCalls: [ToolCall] = [], thinking: [ThinkingBlock] = [], usage: TokenCount = TokenCount(),
        stopReason: String? = nil, endpoint: ModelEndpoint? = nil
    ) {
        self.text = text
        self.toolCalls = toolCalls
        self.thinking = thinking
        self.usage = usage
        self.stopReason = stopReason
        self.endpoint = endpoint
    }

    public var assistantMessage: ChatMessage {
        ChatMessage(role: .assistant, text: text, toolCalls: toolCalls, thinking: thinking)
    }
}
