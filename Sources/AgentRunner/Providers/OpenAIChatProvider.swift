import AsyncHTTPClient
import Foundation
import Logging

/// OpenAI Chat Completions: OpenAI, Azure OpenAI (deployment URL, api-version,
/// `api-key` header), Ollama and any OpenAI-compatible base URL.
struct OpenAIChatProvider: ModelProvider {
    let endpoint: ModelEndpoint
    let http: ProviderHTTP

    func complete(_ request: ModelRequest, events: StreamSink?) async throws -> ModelResponse {
        let body = try JSONEncoder().encode(wireRequest(request))
        let response = try await http.post(try endpoint.requestURL(), headers: headers(), body: body, endpoint: endpoint)
        if request.stream {
            return try await readStream(response, events: events)
        }
        let data = try await http.collect(response, endpoint: endpoint)
        let decoded: OpenAIChatWire.Response
        do {
            decoded = try JSONDecoder().decode(OpenAIChatWire.Response.self, from: data)
        } catch {
            throw invalid("the answer is not a chat completion: \(error)")
        }
        guard let choice = decoded.choices.first else { throw invalid("the answer has no choices") }
        let calls = (choice.message.toolCalls ?? []).enumerated().map { index, call in
            ToolCall(
                id: call.id ?? "call_\(index)", name: call.function.name ?? "",
                arguments: call.function.arguments.flatMap { $0.isEmpty ? nil : $0 } ?? "{}")
        }
        let thinking = choice.message.reasoningContent.map { [ThinkingBlock(text: $0)] } ?? []
        return ModelResponse(
            text: choice.message.content ?? "", toolCalls: calls, thinking: thinking, usage: decoded.usage?.tokens ?? TokenCount(),
            stopReason: choice.finishReason, endpoint: endpoint)
    }

    func headers() -> [(String, String)] {
        guard let key = endpoint.apiKey else { return [] }
        return endpoint.api == .azureOpenAI ? [("api-key", key)] : [("authorization", "Bearer \(key)")]
    }

    func wireRequest(_ request: ModelRequest) -> OpenAIChatWire.Request {
        var messages = [OpenAIChatWire.Message(role: "system", content: request.system)]
        for message in request.messages {
            switch message.role {
            case .user:
                messages.append(OpenAIChatWire.Message(role: "user", content: message.text))
            case .assistant:
                let calls = message.toolCalls.map { call in
                    OpenAIChatWire.ToolCall(id: call.id, type: "function", function: .init(name: call.name, arguments: call.arguments))
                }
                messages.append(
                    OpenAIChatWire.Message(
                        role: "assistant", content: message.text.isEmpty && !calls.isEmpty ? nil : message.text,
                        toolCalls: calls.isEmpty ? nil : calls))
            case .tool:
                messages.append(OpenAIChatWire.Message(role: "tool", content: message.text, toolCallID: message.toolCallID))
            }
        }
        let tools = request.tools.map { tool in
            OpenAIChatWire.Tool(function: .init(name: tool.name, description: tool.description, parameters: tool.parameters))
        }
        return OpenAIChatWire.Request(
            model: endpoint.api == .azureOpenAI ? nil : endpoint.model, messages: messages, tools: tools.isEmpty ? nil : tools,
            stream: request.stream ? true : nil, streamOptions: request.stream ? .init(includeUsage: true) : nil,
            reasoningEffort: request.thinking.openAIEffort)
    }

    func invalid(_ message: String) -> ProviderError {
        ProviderError(kind: .invalidResponse, model: endpoint.label, message: "\(endpoint.label): \(message)")
    }
}
