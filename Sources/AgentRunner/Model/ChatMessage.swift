/// A tool call the model asked for. `arguments` is JSON text.
public struct ToolCall: Sendable, Hashable {
    public var id: String
    public var name: String
    public var arguments: String

    public init(id: String, name: String, arguments: String) {
        self.id = id
        self.name = name
        self.arguments = arguments
    }
}

/// A block of extended thinking, kept so it can be sent back with the
/// assistant turn (Anthropic requires it, with its signature, during tool use).
public struct ThinkingBlock: Sendable, Hashable {
    public var text: String
    public var signature: String?
    /// Set for Anthropic `redacted_thinking` blocks.
    public var redactedData: String?

    public init(text: String, signature: String? = nil, redactedData: String? = nil) {
        self.text = text
        self.signature = signature
        self.redactedData = redactedData
    }
}

/// One turn of the conversation, independent of the provider's wire format.
public struct ChatMessage: Sendable, Hashable {
    public enum Role: String, Sendable, Hashable {
        case user, assistant, tool
    }

    public var role: Role
    public var text: String
    /// Assistant turns: the tools the model called.
    public var toolCalls: [ToolCall]
    /// Assistant turns: the thinking that came with them.
    public var thinking: [ThinkingBlock]
    /// Tool turns: the call this answers.
    public var toolCallID: String?
    public var toolName: String?
    public var isError: Bool

    public init(
        role: Role, text: String, toolCalls: [ToolCall] = [], thinking: [ThinkingBlock] = [], toolCallID: String? = nil,
        toolName: String? = nil, isError: Bool = false
    ) {
        self.role = role
        self.text = text
        self.toolCalls = toolCalls
        self.thinking = thinking
        self.toolCallID = toolCallID
        self.toolName = toolName
        self.isError = isError
    }

    public static func user(_ text: String) -> ChatMessage { ChatMessage(role: .user, text: text) }

    public static func toolResult(for call: ToolCall, _ text: String, isError: Bool) -> ChatMessage {
        ChatMessage(role: .tool, text: text, toolCallID: call.id, toolName: call.name, isError: isError)
    }
}
