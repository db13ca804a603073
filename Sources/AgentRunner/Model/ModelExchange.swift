/// A tool the model may call: name, description and a JSON Schema for its arguments.
public struct ToolDefinition: Sendable, Hashable {
    public var name: String
    public var description: String
    public var parameters: JSONValue

    public init(name: String, description: String, parameters: JSONValue) {
        self.name = name
        self.description = description
        self.parameters = parameters
    }
}

/// Tokens used by one or more calls.
public struct TokenCount: Sendable, Hashable {
    public var input: Int
    public var output: Int

    public init(input: Int = 0, output: Int = 0) {
        self.input = input
        self.output = output
    }

    public static func + (lhs: TokenCount, rhs: TokenCount) -> TokenCount {
        TokenCount(input: lhs.input + rhs.input, output: lhs.output + rhs.output)
    }
}

/// One call to a model.
public struct ModelRequest: Sendable {
    public var system: String
    public var messages: [ChatMessage]
    public var tools: [ToolDefinition]
    public var maxTokens: Int
    public var thinking: ThinkingMode
    public var stream: Bool

    public init(
        system: String, messages: [ChatMessage], tools: [ToolDefinition], maxTokens: Int = 4096, thinking: ThinkingMode = .off,
        stream: Bool = false
    ) {
        self.system = system
        self.messages = messages
        self.tools = tools
        self.maxTokens = maxTokens
        self.thinking = thinking
        self.stream = stream
    }
}

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

/// Output as it streams in.
public enum StreamEvent: Sendable, Hashable {
    case text(String)
    case thinking(String)
    case toolCall(id: String, name: String)
}

/// Receives stream events; called in order, from the task making the request.
public typealias StreamSink = @Sendable (StreamEvent) async -> Void
