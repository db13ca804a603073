import Foundation
import Hummingbird
import Synchronization

/// A local stand-in for the Telegram Bot API (https://core.telegram.org/bots/api):
/// `POST /bot<token>/<method>` with JSON bodies, `{"ok": true, "result": …}`
/// answers, `{"ok": false, "error_code", "description"}` errors. Implements
/// getMe, getUpdates (long polling; an offset confirms earlier updates) and
/// sendMessage, with the real API's 401 for a wrong token and 400 for an
/// empty or over-long text.
public final class FakeTelegramServer: Sendable {
    public static let token = "123456:TEST-token_abc"

    public struct SentMessage: Sendable, Equatable {
        public var chatID: Int64
        public var text: String
        public var threadID: Int64?
        public var replyTo: Int64?

        public init(chatID: Int64, text: String, threadID: Int64? = nil, replyTo: Int64? = nil) {
            self.chatID = chatID
            self.text = text
            self.threadID = threadID
            self.replyTo = replyTo
        }
    }

    struct State {
        var updates: [(id: Int64, json: String)] = []
        var nextUpdateID: Int64 = 1000
        var nextMessageID: Int64 = 1
        public var sent: [SentMessage] = []
        public var calls: [String] = []
        /// Offsets getUpdates was called with.
        public var offsets: [Int64?] = []
        /// The next calls of a method answer with this error.
        var failures: [String: [(status: Int, body: String)]] = [:]
    }

    let server: LocalHTTPServer
    let shared: SharedState

    public var port: Int { server.port }

    public var apiURL: String { "http://127.0.0.1:\(port)" }
    public var sent: [SentMessage] { shared.state.withLock { $0.sent } }
    public var calls: [String] { shared.state.withLock { $0.calls } }
    public var offsets: [Int64?] { shared.state.withLock { $0.offsets } }
    public var pendingUpdates: Int { shared.state.withLock { $0.updates.count } }

    private init(server: LocalHTTPServer, shared: SharedState) {
        self.server = server
        self.shared = shared
    }

    /// Queues a text message from a person in a private chat; returns its update_id.
    @discardableResult
    public func userSends(_ text: String, chatID: Int64 = 777, from userID: Int64 = 555, username: String = "ada", isBot: Bool = false,
                   threadID: Int64? = nil) -> Int64 {
        shared.state.withLock { state in
            let id = state.nextUpdateID
            state.nextUpdateID += 1
            let messageID = state.nextMessageID
            state.nextMessageID += 1
            let textJSON = String(data: (try? JSONEncoder().encode(text)) ?? Data("\"\"".utf8), encoding: .utf8) ?? "\"\""
            let thread = threadID.map { ", \"message_thread_id\": \($0)" } ?? ""
            let json = """
                {"update_id": \(id), "message": {"message_id": \(messageID)\(thread), "date": 1764590000,
                "from": {"id": \(userID), "is_bot": \(isBot), "first_name": "Ada", "last_name": "Lovelace", "username": "\(username)"},
                "chat": {"id": \(chatID), "type": "private", "first_name": "Ada"}, "text": \(textJSON)}}
                """
            state.updates.append((id, json))
            return id
        }
    }

    /// The next call of `method` fails with the Bot API's error envelope.
    public func failNext(_ method: String, status: Int, description: String, retryAfter: Int? = nil) {
        let parameters = retryAfter.map { ", \"parameters\": {\"retry_after\": \($0)}" } ?? ""
        let body = "{\"ok\": false, \"error_code\": \(status), \"description\": \"\(description)\"\(parameters)}"
        shared.state.withLock { $0.failures[method, default: []].append((status, body)) }
    }

    public static func start() async throws -> FakeTelegramServer {
        let shared = SharedState()
        let server = await LocalHTTPServer.start(name: "fake-telegram") { configuration, logger, onServerRunning in
            Application(responder: Responder(shared: shared), configuration: configuration, onServerRunning: onServerRunning, logger: logger)
        }
        return FakeTelegramServer(server: server, shared: shared)
    }

    public func stop() async { await server.stop() }

    final class SharedState: Sendable {
        let state = Mutex(State())
    }
}
