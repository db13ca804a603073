import AsyncHTTPClient
import Foundation

extension AnthropicProvider {
    /// Reads streamed Messages events: message_start (input tokens),
    /// content_block_start/delta/stop (text, tool_use with partial JSON,
    /// thinking with its signature), message_delta (stop reason, output
    /// tokens), message_stop; `error` events fail the call.
    func readStream(_ response: HTTPClientResponse, events: StreamSink?) async throws -> ModelResponse {
        var parser = ServerSentEventParser()
        var blocks: [Int: AnthropicWire.ContentBlock] = [:]
        var partialJSON: [Int: String] = [:]
        var order: [Int] = []
        var usage = TokenCount()
        var stopReason: String?
        var finished = false
        let decoder = JSONDecoder()

        func handle(_ event: ServerSentEvent) async throws {
            let decoded: AnthropicWire.StreamEvent
            do {
                decoded = try decoder.decode(AnthropicWire.StreamEvent.self, from: Data(event.data.utf8))
            } catch {
                throw invalid("a stream event is not JSON: \(TextLimits.prefix(event.data, maxBytes: 200))")
            }
            switch decoded.type {
            case "message_start":
                if let input = decoded.message?.usage?.totalInput { usage.input = input }
                if let output = decoded.message?.usage?.outputTokens { usage.output = output }
            case "content_block_start":
                guard let index = decoded.index, let block = decoded.contentBlock else { return }
                if blocks[index] == nil { order.append(index) }
                var started = block
                if started.type == "tool_use" {
                    started.input = nil
                    await events?(.toolCall(id: block.id ?? "", name: block.name ?? ""))
                }
                blocks[index] = started
                if let text = block.text, !text.isEmpty { await events?(.text(text)) }
            case "content_block_delta":
                guard let index = decoded.index, let delta = decoded.delta, var block = blocks[index] else { return }
                switch delta.type {
                case "text_delta":
                    let piece = delta.text ?? ""
                    block.text = (block.text ?? "") + piece
                    if !piece.isEmpty { await events?(.text(piece)) }
                case "input_json_delta":
                    partialJSON[index, default: ""] += delta.partialJSON ?? ""
                case "thinking_delta":
                    let piece = delta.thinking ?? ""
                    block.thinking = (block.thinking ?? "") + piece
                    if !piece.isEmpty { await events?(.thinking(piece)) }
                case "signature_delta":
                    block.signature = (block.signature ?? "") + (delta.signature ?? "")
                default: break
                }
                blocks[index] = block
            case "content_block_stop":
                guard let index = decoded.index, var block = blocks[index], block.type == "tool_use" else { return }
                let json = partialJSON[index] ?? ""
                if json.trimmingCharacters(in: .whitespaces).isEmpty {
                    block.input = [:]
                } else if let input = JSONValue.parse(json) {
                    block.input = input
                } else {
                    throw invalid("tool_use input is not JSON: \(TextLimits.prefix(json, maxBytes: 200))")
                }
                blocks[index] = block
            case "message_delta":
                if let reason = decoded.delta?.stopReason { stopReason = reason }
                if let output = decoded.usage?.outputTokens { usage.output = output }
                if let input = decoded.usage?.totalInput, input > usage.input { usage.input = input }
            case "message_stop":
                finished = true
            case "error":
                let type = decoded.error?["type"]?.stringValue ?? "error"
                let message = decoded.error?["message"]?.stringValue ?? event.data
                let kind: ProviderError.Kind = type == "overloaded_error" || type == "api_error" ? .serverError : type == "rate_limit_error" ? .rateLimited : .badRequest
                throw ProviderError(kind: kind, model: endpoint.label, message: "\(endpoint.label) failed mid-stream (\(type)): \(message)")
            default:
                break  // ping and future event types
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
        guard finished else {
            throw ProviderError(kind: .connection, model: endpoint.label, message: "\(endpoint.label) closed the stream before message_stop")
        }
        var assembled = AnthropicMessageAssembly()
        for index in order {
            if let block = blocks[index] { assembled.add(block) }
        }
        return assembled.response(usage: usage, stopReason: stopReason, endpoint: endpoint)
    }
}
