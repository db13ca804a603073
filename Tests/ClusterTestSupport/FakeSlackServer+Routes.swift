import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdWebSocket
import NIOCore

extension FakeSlackServer {
    static func webAPI(_ shared: Shared) -> Router<BasicWebSocketRequestContext> {
        let router = Router(context: BasicWebSocketRequestContext.self)
        router.post("/api/:method") { request, context -> Response in
            let method = context.parameters.get("method") ?? ""
            let body = try await request.body.collect(upTo: 1 << 20)
            let json = (try? JSONSerialization.jsonObject(with: Data(buffer: body))) as? [String: Any] ?? [:]
            let token = request.headers[.authorization]?.replacingOccurrences(of: "Bearer ", with: "")
            shared.state.withLock { $0.calls.append(method) }
            switch method {
            case "auth.test":
                guard token == botToken else { return reply(#"{"ok": false, "error": "invalid_auth"}"#) }
                return reply(#"{"ok": true, "url": "https://fake.slack.com/", "team": "Fake", "user": "sympozium", "team_id": "T0TEAM", "user_id": "\#(botUserID)", "bot_id": "B0BOT"}"#)
            case "apps.connections.open":
                guard token == appToken else { return reply(#"{"ok": false, "error": "invalid_auth"}"#) }
                let host = request.head.authority ?? "127.0.0.1"
                let ticket = shared.state.withLock { state -> Int in
                    state.connectionsOpened += 1
                    return state.connectionsOpened
                }
                return reply(#"{"ok": true, "url": "ws://\#(host)/link/?ticket=\#(ticket)"}"#)
            case "chat.postMessage":
                guard token == botToken else { return reply(#"{"ok": false, "error": "invalid_auth"}"#) }
                let channel = json["channel"] as? String ?? ""
                let text = json["text"] as? String ?? ""
                guard channel.hasPrefix("C") || channel.hasPrefix("D") else { return reply(#"{"ok": false, "error": "channel_not_found"}"#) }
                guard !text.isEmpty else { return reply(#"{"ok": false, "error": "no_text"}"#) }
                guard text.count <= 40_000 else { return reply(#"{"ok": false, "error": "msg_too_long"}"#) }
                shared.state.withLock { $0.posted.append(Posted(channel: channel, text: text, threadTs: json["thread_ts"] as? String)) }
                return reply(#"{"ok": true, "channel": "\#(channel)", "ts": "1764590001.000200"}"#)
            default:
                return reply(#"{"ok": false, "error": "unknown_method"}"#)
            }
        }
        return router
    }

    static func socketRouter(_ shared: Shared) -> Router<BasicWebSocketRequestContext> {
        let router = Router(context: BasicWebSocketRequestContext.self)
        router.ws("/link") { _, _ in .upgrade([:]) } onUpgrade: { inbound, outbound, _ in
            try await outbound.write(.text(#"{"type": "hello", "num_connections": 1, "connection_info": {"app_id": "A0APP"}}"#))
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    for try await message in inbound.messages(maxSize: 1 << 20) {
                        guard case .text(let text) = message,
                            let ack = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any],
                            let id = ack["envelope_id"] as? String
                        else { continue }
                        shared.state.withLock { state in
                            state.acknowledged.append(id)
                            state.envelopes.removeAll { $0.id == id }
                        }
                    }
                }
                group.addTask {
                    while true {
                        let (due, refresh) = shared.state.withLock { state -> ([String], Bool) in
                            if state.refreshRequested {
                                state.refreshRequested = false
                                return ([], true)
                            }
                            // Unacknowledged envelopes are sent again after 3 s, as Slack does.
                            let now = ContinuousClock.now
                            var due: [String] = []
                            for index in state.envelopes.indices
                            where state.envelopes[index].sentAt.map({ now - $0 > .seconds(3) }) ?? true {
                                state.envelopes[index].sentAt = now
                                state.envelopes[index].attempts += 1
                                due.append(state.envelopes[index].json)
                            }
                            return (due, false)
                        }
                        if refresh {
                            try await outbound.write(.text(#"{"type": "disconnect", "reason": "refresh_requested", "debug_info": {"host": "fake"}}"#))
                            return
                        }
                        for json in due { try await outbound.write(.text(json)) }
                        try await Task.sleep(for: .milliseconds(20))
                    }
                }
                _ = try await group.next()
                group.cancelAll()
            }
        }
        return router
    }

    static func reply(_ body: String) -> Response {
        Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"], body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
    }
}
