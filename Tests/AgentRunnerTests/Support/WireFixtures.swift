import Foundation

/// Provider answers in the shapes of the public API references.
enum OpenAIFixtures {
    static func escape(_ text: String) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: [text], options: [.withoutEscapingSlashes])) ?? Data("[\"\"]".utf8)
        let array = String(decoding: data, as: UTF8.self)
        return String(array.dropFirst().dropLast())
    }

    /// A chat.completion with text or tool calls `(id, name, argumentsJSON)`.
    static func completion(text: String? = nil, toolCalls: [(String, String, String)] = [], input: Int = 10, output: Int = 5, model: String = "gpt-4o-mini") -> String {
        let calls = toolCalls.map { id, name, arguments in
            #"{"id":"\#(id)","type":"function","function":{"name":"\#(name)","arguments":\#(escape(arguments))}}"#
        }
        let content = text.map(escape) ?? "null"
        let toolPart = calls.isEmpty ? "" : #","tool_calls":[\#(calls.joined(separator: ","))]"#
        let finish = calls.isEmpty ? "stop" : "tool_calls"
        return """
            {"id":"chatcmpl-1","object":"chat.completion","created":1700000000,"model":"\(model)",\
            "choices":[{"index":0,"message":{"role":"assistant","content":\(content)\(toolPart)},"logprobs":null,"finish_reason":"\(finish)"}],\
            "usage":{"prompt_tokens":\(input),"completion_tokens":\(output),"total_tokens":\(input + output)}}
            """
    }

    static func chunk(_ delta: String, finish: String? = nil) -> String {
        let finishText = finish.map { "\"\($0)\"" } ?? "null"
        return
            "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"delta\":\(delta),\"finish_reason\":\(finishText)}]}\n\n"
    }

    /// A streamed answer: text split in pieces, tool calls with their
    /// arguments split across deltas, the usage chunk and [DONE].
    static func stream(text: [String] = [], toolCalls: [(String, String, String)] = [], input: Int = 10, output: Int = 5) -> [String] {
        var events = [chunk(#"{"role":"assistant","content":""}"#)]
        for piece in text { events.append(chunk(#"{"content":\#(escape(piece))}"#)) }
        for (index, call) in toolCalls.enumerated() {
            let (id, name, arguments) = call
            events.append(
                chunk(#"{"tool_calls":[{"index":\#(index),"id":"\#(id)","type":"function","function":{"name":"\#(name)","arguments":""}}]}"#))
            let middle = arguments.index(arguments.startIndex, offsetBy: arguments.count / 2)
            for part in [String(arguments[..<middle]), String(arguments[middle...])] {
                events.append(chunk(#"{"tool_calls":[{"index":\#(index),"function":{"arguments":\#(escape(part))}}]}"#))
            }
        }
        events.append(chunk("{}", finish: toolCalls.isEmpty ? "stop" : "tool_calls"))
        events.append(
            "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,\"model\":\"gpt-4o-mini\",\"choices\":[],\"usage\":{\"prompt_tokens\":\(input),\"completion_tokens\":\(output),\"total_tokens\":\(input + output)}}\n\n"
        )
        events.append("data: [DONE]\n\n")
        return events
    }

    static func error(_ message: String, type: String = "invalid_request_error", code: String = "null") -> String {
        #"{"error":{"message":\#(escape(message)),"type":"\#(type)","param":null,"code":\#(code)}}"#
    }
}

enum AnthropicFixtures {
    /// A message with text and tool_use blocks `(id, name, inputJSON)`.
    static func message(text: String? = nil, toolUses: [(String, String, String)] = [], input: Int = 20, output: Int = 7) -> String {
        var blocks: [String] = []
        if let text { blocks.append(#"{"type":"text","text":\#(OpenAIFixtures.escape(text))}"#) }
        for (id, name, inputJSON) in toolUses {
            blocks.append(#"{"type":"tool_use","id":"\#(id)","name":"\#(name)","input":\#(inputJSON)}"#)
        }
        let stop = toolUses.isEmpty ? "end_turn" : "tool_use"
        return """
            {"id":"msg_01","type":"message","role":"assistant","model":"claude-sonnet-4-5","content":[\(blocks.joined(separator: ","))],\
            "stop_reason":"\(stop)","stop_sequence":null,"usage":{"input_tokens":\(input),"output_tokens":\(output)}}
            """
    }

    static func event(_ type: String, _ data: String) -> String { "event: \(type)\ndata: \(data)\n\n" }

    /// A streamed message: optional thinking (with signature), text, tool uses.
    static func stream(thinking: String? = nil, signature: String = "sig-abc", text: [String] = [], toolUses: [(String, String, String)] = [], input: Int = 25, output: Int = 30) -> [String] {
        var events = [
            event(
                "message_start",
                #"{"type":"message_start","message":{"id":"msg_01","type":"message","role":"assistant","content":[],"model":"claude-sonnet-4-5","stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":\#(input),"output_tokens":1}}}"#
            ),
            event("ping", #"{"type": "ping"}"#),
        ]
        var index = 0
        if let thinking {
            events.append(event("content_block_start", #"{"type":"content_block_start","index":\#(index),"content_block":{"type":"thinking","thinking":""}}"#))
            events.append(
                event("content_block_delta", #"{"type":"content_block_delta","index":\#(index),"delta":{"type":"thinking_delta","thinking":\#(OpenAIFixtures.escape(thinking))}}"#))
            events.append(
                event("content_block_delta", #"{"type":"content_block_delta","index":\#(index),"delta":{"type":"signature_delta","signature":"\#(signature)"}}"#))
            events.append(event("content_block_stop", #"{"type":"content_block_stop","index":\#(index)}"#))
            index += 1
        }
        if !text.isEmpty {
            events.append(event("content_block_start", #"{"type":"content_block_start","index":\#(index),"content_block":{"type":"text","text":""}}"#))
            for piece in text {
                events.append(
                    event("content_block_delta", #"{"type":"content_block_delta","index":\#(index),"delta":{"type":"text_delta","text":\#(OpenAIFixtures.escape(piece))}}"#))
            }
            events.append(event("content_block_stop", #"{"type":"content_block_stop","index":\#(index)}"#))
            index += 1
        }
        for (id, name, inputJSON) in toolUses {
            events.append(
                event("content_block_start", #"{"type":"content_block_start","index":\#(index),"content_block":{"type":"tool_use","id":"\#(id)","name":"\#(name)","input":{}}}"#))
            let middle = inputJSON.index(inputJSON.startIndex, offsetBy: inputJSON.count / 2)
            for part in [String(inputJSON[..<middle]), String(inputJSON[middle...])] {
                events.append(
                    event("content_block_delta", #"{"type":"content_block_delta","index":\#(index),"delta":{"type":"input_json_delta","partial_json":\#(OpenAIFixtures.escape(part))}}"#))
            }
            events.append(event("content_block_stop", #"{"type":"content_block_stop","index":\#(index)}"#))
            index += 1
        }
        let stop = toolUses.isEmpty ? "end_turn" : "tool_use"
        events.append(
            event("message_delta", #"{"type":"message_delta","delta":{"stop_reason":"\#(stop)","stop_sequence":null},"usage":{"output_tokens":\#(output)}}"#))
        events.append(event("message_stop", #"{"type":"message_stop"}"#))
        return events
    }

    static func error(_ type: String, _ message: String) -> String {
        #"{"type":"error","error":{"type":"\#(type)","message":\#(OpenAIFixtures.escape(message))}}"#
    }
}
