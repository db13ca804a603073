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
