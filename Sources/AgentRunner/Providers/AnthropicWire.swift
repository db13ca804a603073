/// Anthropic Messages wire types. Field names follow the API reference.
enum AnthropicWire {
    static let version = "2023-06-01"

    struct Request: Encodable {
        var model: String
        var maxTokens: Int
        var system: String?
        var messages: [Message]
        var tools: [Tool]?
        var stream: Bool?
        var thinking: Thinking?

        enum CodingKeys: String, CodingKey {
            case model, system, messages, tools, stream, thinking
            case maxTokens = "max_tokens"
        }
    }

    struct Thinking: Encodable {
        var type = "enabled"
        var budgetTokens: Int
        enum CodingKeys: String, CodingKey {
            case type
            case budgetTokens = "budget_tokens"
        }
    }

    struct Tool: Encodable {
        var name: String
        var description: String
        var inputSchema: JSONValue
        enum CodingKeys: String, CodingKey {
            case name, description
            case inputSchema = "input_schema"
        }
    }

    struct Message: Encodable {
        var role: String
        var content: [Block]
    }

    /// A content block of a request message.
    enum Block: Encodable {
        case text(String)
        case toolUse(id: String, name: String, input: JSONValue)
        case toolResult(toolUseID: String, content: String, isError: Bool)
        case thinking(text: String, signature: String)
        case redactedThinking(data: String)

        enum CodingKeys: String, CodingKey {
            case type, text, id, name, input, content, thinking, signature, data
            case toolUseID = "tool_use_id"
            case isError = "is_error"
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            switch self {
            case .text(let text):
                try container.encode("text", forKey: .type)
                try container.encode(text, forKey: .text)
            case .toolUse(let id, let name, let input):
                try container.encode("tool_use", forKey: .type)
                try container.encode(id, forKey: .id)
                try container.encode(name, forKey: .name)
                try container.encode(input, forKey: .input)
            case .toolResult(let toolUseID, let content, let isError):
                try container.encode("tool_result", forKey: .type)
                try container.encode(toolUseID, forKey: .toolUseID)
                try container.encode(content, forKey: .content)
                if isError { try container.encode(true, forKey: .isError) }
            case .thinking(let text, let signature):
                try container.encode("thinking", forKey: .type)
                try container.encode(text, forKey: .thinking)
                try container.encode(signature, forKey: .signature)
            case .redactedThinking(let data):
                try container.encode("redacted_thinking", forKey: .type)
                try container.encode(data, forKey: .data)
            }
        }
    }

    /// A content block of a response (or of `content_block_start`).
    struct ContentBlock: Decodable {
        var type: String
        var text: String?
        var id: String?
        var name: String?
        var input: JSONValue?
        var thinking: String?
        var signature: String?
        var data: String?
    }

    struct Usage: Decodable {
        var inputTokens: Int?
        var outputTokens: Int?
        var cacheCreationInputTokens: Int?
        var cacheReadInputTokens: Int?

        enum CodingKeys: String, CodingKey {
            case inputTokens = "input_tokens"
            case outputTokens = "output_tokens"
            case cacheCreationInputTokens = "cache_creation_input_tokens"
            case cacheReadInputTokens = "cache_read_input_tokens"
        }

        /// Input counts cached tokens too: they were sent.
        var totalInput: Int? {
            guard inputTokens != nil || cacheCreationInputTokens != nil || cacheReadInputTokens != nil else { return nil }
            return (inputTokens ?? 0) + (cacheCreationInputTokens ?? 0) + (cacheReadInputTokens ?? 0)
        }
    }

    struct Response: Decodable {
        var model: String?
        var content: [ContentBlock]?
        var stopReason: String?
        var usage: Usage?

        enum CodingKeys: String, CodingKey {
            case model, content, usage
            case stopReason = "stop_reason"
        }
    }

    /// One streamed event (`message_start`, `content_block_delta`...).
    struct StreamEvent: Decodable {
        var type: String
        var message: Response?
        var index: Int?
        var contentBlock: ContentBlock?
        var delta: Delta?
        var usage: Usage?
        var error: JSONValue?

        enum CodingKeys: String, CodingKey {
            case type, message, index, delta, usage, error
            case contentBlock = "content_block"
        }
    }

    struct Delta: Decodable {
        var type: String?
        var text: String?
        var partialJSON: String?
        var thinking: String?
        var signature: String?
        var stopReason: String?

        enum CodingKeys: String, CodingKey {
            case type, text, thinking, signature
            case partialJSON = "partial_json"
            case stopReason = "stop_reason"
        }
    }
}
