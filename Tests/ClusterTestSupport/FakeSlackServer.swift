import Foundation
import Hummingbird
import HummingbirdWebSocket
import Synchronization

/// A local stand-in for Slack (https://api.slack.com): the Web API methods a
/// Socket Mode app uses (auth.test, apps.connections.open, chat.postMessage;
/// HTTP 200 with `{"ok": false, "error"}` for errors, invalid_auth for a wrong
/// token) and the Socket Mode WebSocket: `hello` first, events_api envelopes
/// re-sent until acknowledged by `{"envelope_id"}`, and `disconnect` with
/// reason refresh_requested on demand.
public final class FakeSlackServer: Sendable {
    public static let botToken = "xoxb-test-bot-token"
    public static let appToken = "xapp-1-test-app-token"
    public static let botUserID = "U0BOT"

    public struct Posted: Sendable, Equatable {
        public var channel: String
        public var text: String
        public var threadTs: String?

        public init(channel: String, text: String, threadTs: String? = nil) {
            self.channel = channel
            self.text = text
            self.threadTs = threadTs
        }
    }

    struct Envelope {
        var id: String
        var json: String
        var sentAt: ContinuousClock.Instant?
        var attempts = 0
    }

    struct State {
        var envelopes: [Envelope] = []
        var acknowledged: [String] = []
        var posted: [Posted] = []
        var calls: [String] = []
        var connectionsOpened = 0
        var refreshRequested = false
        var nextEvent = 1
    }

    final class Shared: Sendable {
        let state = Mutex(State())
    }

    let server: LocalHTTPServer
    let shared: Shared

    public var port: Int { server.port }

    public var apiURL: String { "http://127.0.0.1:\(port)/api" }
    public var posted: [Posted] { shared.state.withLock { $0.posted } }
    public var calls: [String] { shared.state.withLock { $0.calls } }
    public var acknowledged: [String] { shared.state.withLock { $0.acknowledged } }
    public var connectionsOpened: Int { shared.state.withLock { $0.connectionsOpened } }

    private init(server: LocalHTTPServer, shared: Shared) {
        self.server = server
        self.shared = shared
    }

    /// Queues an event for the app; returns its envelope ID.
    @discardableResult
    public func deliver(type: String = "message", text: String, channel: String = "D024BE91L", channelType: String = "im",
                        user: String = "U2147483697", threadTs: String? = nil, botID: String? = nil, subtype: String? = nil) -> String {
        shared.state.withLock { state in
            let number = state.nextEvent
            state.nextEvent += 1
            let id = "env-\(number)"
            var event: [String: String] = [
                "type": type, "channel": channel, "channel_type": channelType, "user": user, "text": text, "ts": "1764590000.\(100 + number)",
            ]
            if let threadTs { event["thread_ts"] = threadTs }
            if let botID { event["bot_id"] = botID }
            if let subtype { event["subtype"] = subtype }
            let payload: [String: Any] = [
                "type": "event_callback", "team_id": "T0TEAM", "event_id": "Ev\(number)", "event_time": 1_764_590_000, "event": event,
            ]
            let envelope: [String: Any] = [
                "envelope_id": id, "type": "events_api", "accepts_response_payload": false, "retry_attempt": 0, "payload": payload,
            ]
            let data = (try? JSONSerialization.data(withJSONObject: envelope)) ?? Data()
            state.envelopes.append(Envelope(id: id, json: String(decoding: data, as: UTF8.self)))
            return id
        }
    }

    /// The open socket sends `disconnect` (refresh_requested) and closes.
    public func requestRefresh() {
        shared.state.withLock { $0.refreshRequested = true }
    }

    public static func start() async throws -> FakeSlackServer {
        let shared = Shared()
        let server = await LocalHTTPServer.start(name: "fake-slack") { configuration, logger, onServerRunning in
            Application(
                router: webAPI(shared), server: .http1WebSocketUpgrade(webSocketRouter: socketRouter(shared)),
                configuration: configuration, onServerRunning: onServerRunning, logger: logger)
        }
        return FakeSlackServer(server: server, shared: shared)
    }

    public func stop() async { await server.stop() }
}
