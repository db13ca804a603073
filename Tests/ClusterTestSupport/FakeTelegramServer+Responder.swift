import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

extension FakeTelegramServer {
    struct Responder: HTTPResponder {
        typealias Context = BasicRequestContext
        let shared: SharedState

        func respond(to request: Request, context: Context) async throws -> Response {
            let body = try await request.body.collect(upTo: 1 << 20)
            let json = (try? JSONSerialization.jsonObject(with: Data(buffer: body))) as? [String: Any] ?? [:]
            // /bot<token>/<method>
            let parts = request.uri.path.split(separator: "/")
            guard request.method == .post, parts.count == 2, parts[0].hasPrefix("bot") else {
                return Self.reply(404, "{\"ok\": false, \"error_code\": 404, \"description\": \"Not Found\"}")
            }
            let method = String(parts[1])
            shared.state.withLock { $0.calls.append(method) }
            guard parts[0].dropFirst(3) == FakeTelegramServer.token else {
                return Self.reply(401, "{\"ok\": false, \"error_code\": 401, \"description\": \"Unauthorized\"}")
            }
            let failure = shared.state.withLock { state -> (status: Int, body: String)? in
                guard var queue = state.failures[method], !queue.isEmpty else { return nil }
                let first = queue.removeFirst()
                state.failures[method] = queue
                return first
            }
            if let failure { return Self.reply(failure.status, failure.body) }
            switch method {
            case "getMe":
                return Self.ok("{\"id\": 42, \"is_bot\": true, \"first_name\": \"Sympozium\", \"username\": \"sympozium_test_bot\"}")
            case "getUpdates":
                return try await getUpdates(json)
            case "sendMessage":
                return sendMessage(json)
            default:
                return Self.reply(404, "{\"ok\": false, \"error_code\": 404, \"description\": \"Not Found: method not found\"}")
            }
        }

        private func getUpdates(_ json: [String: Any]) async throws -> Response {
            let offset = (json["offset"] as? NSNumber)?.int64Value
            let timeout = min((json["timeout"] as? NSNumber)?.intValue ?? 0, 5)
            let deadline = ContinuousClock.now + .seconds(timeout)
            shared.state.withLock { $0.offsets.append(offset) }
            while true {
                let ready = shared.state.withLock { state -> [String] in
                    // An offset confirms (forgets) every earlier update.
                    if let offset { state.updates.removeAll { $0.id < offset } }
                    return state.updates.map(\.json)
                }
                if !ready.isEmpty || ContinuousClock.now >= deadline {
                    return Self.ok("[" + ready.joined(separator: ",") + "]")
                }
                try await Task.sleep(for: .milliseconds(20))
            }
        }

        private func sendMessage(_ json: [String: Any]) -> Response {
            guard let chatID = (json["chat_id"] as? NSNumber)?.int64Value else {
                return Self.reply(400, "{\"ok\": false, \"error_code\": 400, \"description\": \"Bad Request: chat not found\"}")
            }
            let text = json["text"] as? String ?? ""
            guard !text.isEmpty else {
                return Self.reply(400, "{\"ok\": false, \"error_code\": 400, \"description\": \"Bad Request: message text is empty\"}")
            }
            guard text.utf16.count <= 4096 else {
                return Self.reply(400, "{\"ok\": false, \"error_code\": 400, \"description\": \"Bad Request: message is too long\"}")
            }
            let threadID = (json["message_thread_id"] as? NSNumber)?.int64Value
            let replyTo = ((json["reply_parameters"] as? [String: Any])?["message_id"] as? NSNumber)?.int64Value
            let messageID = shared.state.withLock { state -> Int64 in
                state.sent.append(SentMessage(chatID: chatID, text: text, threadID: threadID, replyTo: replyTo))
                state.nextMessageID += 1
                return state.nextMessageID
            }
            return Self.ok("""
                {"message_id": \(messageID), "date": 1764590001, "chat": {"id": \(chatID), "type": "private"},
                "from": {"id": 42, "is_bot": true, "first_name": "Sympozium", "username": "sympozium_test_bot"}, "text": "sent"}
                """)
        }

        static func ok(_ result: String) -> Response {
            reply(200, "{\"ok\": true, \"result\": \(result)}")
        }

        static func reply(_ status: Int, _ body: String) -> Response {
            Response(
                status: HTTPResponse.Status(code: status), headers: [.contentType: "application/json"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
        }
    }
}
