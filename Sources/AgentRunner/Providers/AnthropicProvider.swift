import AsyncHTTPClient
import Foundation
import Logging

/// Anthropic Messages: tool_use / tool_result, streaming events, and extended
/// thinking when the run asks for it.
struct AnthropicProvider: ModelProvider {
    let endpoint: ModelEndpoint
    let http: ProviderHTTP

    func complete(_ request: ModelRequest, events: StreamSink?) async throws -> ModelResponse {
        let body = try JSONEncoder().encode(wireRequest(request))
        var headers = [("anthropic-version", AnthropicWire.version)]
        if let key = endpoint.apiKey { headers.append(("x-api-key", key)) }
        let response = try await http.post(try endpoint.requestURL(), headers: headers, body: body, endpoint: endpoint)
        if request.stream {
            return try await readStream(response, events: events)
        }
        let data = try await http.collect(response, endpoint: endpoint)
        let decoded: AnthropicWire.Response
        do {
            decoded = try JSONDecoder().decode(AnthropicWire.Response.self, from: data)
        } catch {
            throw invalid("the answer is not a message: \(error)")
        }
        var assembled = AnthropicMessageAssembly()
        for block in decoded.content ?? [] { assembled.add(block) }
        let usage = TokenCount(input: decoded.usage?.totalInput ?? 0, output: decoded.usage?.outputTokens ?? 0)
        return assembled.response(usage: usage, stopReason: decoded.stopReason, endpoint: endpoint)
    }

    func wireRequest(_ request: ModelRequest) -> AnthropicWire.Request {
        var messages: [AnthropicWire.Message] = []
        func append(_ role: String, _ blocks: [AnthropicWire.Block]) {
            guard !blocks.isEmpty else { return }
            // Consecutive turns of one role merge: the API wants user and assistant to alternate.
            if messages.last?.role == role {
                messages[messages.count - 1].content += blocks
            } else {
                messages.append(AnthropicWire.Message(role: role, content: blocks))
            }
        }
        for message in request.messages {
            switch message.role {
            case .user:
                append("user", message.text.isEmpty ? [] : [.text(message.text)])
            case .tool:
                append(
                    "user",
                    [.toolResult(toolUseID: message.toolCallID ?? "", content: message.text.isEmpty ? "(no output)" : message.text, isError: message.isError)])
            case .assistant:
                var blocks: [AnthropicWire.Block] = []
                for block in message.thinking {
                    if let data = block.redactedData {
                        blocks.append(.redactedThinking(data: data))
                    } else if let signature = block.signature {
                        blocks.append(.thinking(text: block.text, signature: signature))
                    }
                }
                if !message.text.isEmpty { blocks.append(.text(message.text)) }
                for call in message.toolCalls {
                    blocks.append(.toolUse(id: call.id, name: call.name, input: JSONValue.parse(call.arguments) ?? [:]))
                }
                append("assistant", blocks)
            }
        }
        let budget = request.thinking.anthropicBudget
        let maxTokens = budget.map { max(request.maxTokens, $0 + 4096) } ?? request.maxTokens
        let tools = request.tools.map { AnthropicWire.Tool(name: $0.name, description: $0.description, inputSchema: $0.parameters) }
        return AnthropicWire.Request(
            model: endpoint.model, maxTokens: maxTokens, system: request.system.isEmpty ? nil : request.system, messages: messages,
            tools: tools.isEmpty ? nil : tools, stream: request.stream ? true : nil,
            thinking: budget.map { AnthropicWire.Thinking(budgetTokens: $0) })
    }

    func invalid(_ message: String) -> ProviderError {
        ProviderError(kind: .invalidResponse, model: endpoint.label, message: "\(endpoint.label): \(message)")
    }
}

/// Builds a response from content blocks, in order.
struct AnthropicMessageAssembly {
    var text = ""
    var toolCalls: [ToolCall] = []
    var thinking: [ThinkingBlock] = []

    mutating func add(_ block: AnthropicWire.ContentBlock) {
        switch block.type {
        case "text": text += block.text ?? ""
        case "tool_use":
            toolCalls.append(ToolCall(id: block.id ?? "toolu_\(toolCalls.count)", name: block.name ?? "", arguments: (block.input ?? [:]).jsonText))
        case "thinking": thinking.append(ThinkingBlock(text: block.thinking ?? "", signature: block.signature))
        case "redacted_thinking": thinking.append(ThinkingBlock(text: "", redactedData: block.data ?? ""))
        default: break
        }
    }

    func response(usage: TokenCount, stopReason: String?, endpoint: ModelEndpoint) -> ModelResponse {
        ModelResponse(text: text, toolCalls: toolCalls, thinking: thinking, usage: usage, stopReason: stopReason, endpoint: endpoint)
    }
}
