import AsyncHTTPClient
import Foundation

extension OpenAIChatProvider {
    /// Reads a streamed chat completion: content deltas, tool-call deltas
    /// assembled by index (parallel tool calls), the usage chunk, `[DONE]`.
    func readStream(_ response: HTTPClientResponse, events: StreamSink?) async throws -> ModelResponse {
        var parser = ServerSentEventParser()
        var assembly = ToolCallAssembly()
        var text = ""
        var reasoning = ""
        var usage = TokenCount()
        var stopReason: String?
        var finished = false
        let decoder = JSONDecoder()

        func handle(_ event: ServerSentEvent) async throws {
            let payload = event.data.trimmingCharacters(in: .whitespaces)
            if payload == "[DONE]" {
                finished = true
                return
            }
            let chunk: OpenAIChatWire.Chunk
            do {
                chunk = try decoder.decode(OpenAIChatWire.Chunk.self, from: Data(payload.utf8))
            } catch {
                throw invalid("a stream chunk is not JSON: \(TextLimits.prefix(payload, maxBytes: 200))")
            }
            if let error = chunk.error {
                let message = error["message"]?.stringValue ?? error.jsonText
                throw ProviderError(kind: .serverError, model: endpoint.label, message: "\(endpoint.label) failed mid-stream: \(message)")
            }
            if let tokens = chunk.usage?.tokens { usage = tokens }
            for choice in chunk.choices ?? [] {
                if let reason = choice.finishReason { stopReason = reason }
                guard let delta = choice.delta else { continue }
                if let piece = delta.reasoningContent, !piece.isEmpty {
                    reasoning += piece
                    await events?(.thinking(piece))
                }
                if let piece = delta.content, !piece.isEmpty {
                    text += piece
                    await events?(.text(piece))
                }
                for call in delta.toolCalls ?? [] {
                    if let started = assembly.add(call) { await events?(.toolCall(id: started.id, name: started.name)) }
                }
            }
        }

        do {
            for try await buffer in response.body {
                for event in try parser.feed(buffer.readableBytesView) { try await handle(event) }
                if finished { break }
            }
            if !finished { for event in parser.finish() { try await handle(event) } }
        } catch let error as ProviderError {
            throw error
        } catch is ServerSentEventParser.LineTooLong {
            throw invalid("a stream line exceeds \(ServerSentEventParser.maxLineBytes) bytes")
        } catch {
            throw ProviderHTTP.classify(error, endpoint: endpoint)
        }
        guard finished || stopReason != nil else {
            throw ProviderError(kind: .connection, model: endpoint.label, message: "\(endpoint.label) closed the stream before it finished")
        }
        return ModelResponse(
            text: text, toolCalls: assembly.calls, thinking: reasoning.isEmpty ? [] : [ThinkingBlock(text: reasoning)], usage: usage,
            stopReason: stopReason, endpoint: endpoint)
    }
}

/// Tool calls streamed in pieces: the first delta of each index carries id
/// and name, later ones append to the arguments.
struct ToolCallAssembly {
    private var order: [Int] = []
    private var byIndex: [Int: ToolCall] = [:]

    /// Returns the call when this delta started it.
    mutating func add(_ delta: OpenAIChatWire.ToolCallDelta) -> ToolCall? {
        let index = delta.index ?? order.count
        if var call = byIndex[index] {
            call.arguments += delta.function?.arguments ?? ""
            if call.name.isEmpty, let name = delta.function?.name { call.name = name }
            byIndex[index] = call
            return nil
        }
        let call = ToolCall(
            id: delta.id ?? "call_\(index)", name: delta.function?.name ?? "", arguments: delta.function?.arguments ?? "")
        order.append(index)
        byIndex[index] = call
        return call
    }

    var calls: [ToolCall] {
        order.compactMap { byIndex[$0] }.map { call in
            var call = call
            if call.arguments.trimmingCharacters(in: .whitespaces).isEmpty { call.arguments = "{}" }
            return call
        }
    }
}
