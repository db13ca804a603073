/// OpenAI Chat Completions wire types (also spoken by Azure OpenAI, Ollama,
/// vLLM, LM Studio...). Field names follow the API reference.
enum OpenAIChatWire {
    struct Request: Encodable {
        var model: String?
        var messages: [Message]
        var tools: [Tool]?
        var stream: Bool?
        var streamOptions: StreamOptions?
        var reasoningEffort: String?

        enum CodingKeys: String, CodingKey {
            case model, messages, tools, stream
            case streamOptions = "stream_options"
            case reasoningEffort = "reasoning_effort"
        }
    }

    struct StreamOptions: Encodable {
        var includeUsage: Bool
        enum CodingKeys: String, CodingKey { case includeUsage = "include_usage" }
    }

    struct Message: Encodable {
        var role: String
        var content: String?
        var toolCalls: [ToolCall]?
        var toolCallID: String?

        enum CodingKeys: String, CodingKey {
            case role, content
            case toolCalls = "tool_calls"
            case toolCallID = "tool_call_id"
        }
    }

    struct Tool: Encodable {
        var type = "function"
        var function: FunctionDefinition
    }

    struct FunctionDefinition: Encodable {
        var name: String
        var description: String
        var parameters: JSONValue
    }

    struct ToolCall: Codable {
        var id: String?
        var type: String?
        var function: FunctionCall
    }

    struct FunctionCall: Codable {
        var name: String?
        var arguments: String?
    }

    struct Usage: Decodable {
        var promptTokens: Int?
        var completionTokens: Int?

        enum CodingKeys: String, CodingKey {
            case promptTokens = "prompt_tokens"
            case completionTokens = "completion_tokens"
        }

        var tokens: TokenCount { TokenCount(input: promptTokens ?? 0, output: completionTokens ?? 0) }
    }

    struct Response: Decodable {
        var model: String?
        var choices: [Choice]
        var usage: Usage?
    }

    struct Choice: Decodable {
        var message: ResponseMessage
        var finishReason: String?

        enum CodingKeys: String, CodingKey {
            case message
            case finishReason = "finish_reason"
        }
    }

    struct ResponseMessage: Decodable {
        var content: String?
        var toolCalls: [ToolCall]?
        var reasoningContent: String?

        enum CodingKeys: String, CodingKey {
            case content
            case toolCalls = "tool_calls"
            case reasoningContent = "reasoning_content"
        }
    }

    /// One `data:` payload of a streamed answer.
    struct Chunk: Decodable {
        var choices: [ChunkChoice]?
        var usage: Usage?
        var error: JSONValue?
    }

    struct ChunkChoice: Decodable {
        var delta: Delta?
        var finishReason: String?

        enum CodingKeys: String, CodingKey {
            case delta
            case finishReason = "finish_reason"
        }
    }

    struct Delta: Decodable {
        var content: String?
        var toolCalls: [ToolCallDelta]?
        var reasoningContent: String?

        enum CodingKeys: String, CodingKey {
            case content
            case toolCalls = "tool_calls"
            case reasoningContent = "reasoning_content"
        }
    }

    struct ToolCallDelta: Decodable {
        var index: Int?
        var id: String?
        var function: FunctionCall?
    }
}
