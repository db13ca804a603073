import AsyncHTTPClient
import EventBus
import Synchronization

/// Telegram through the Bot API: long polling with getUpdates, replies with
/// sendMessage. Text messages from people become inbound messages; messages
/// from bots (this one included) are skipped, so two bots cannot loop.
public struct TelegramAdapter: ChannelAdapter {
    public let channel = "telegram"
    let api: TelegramBotAPI
    /// Seconds one getUpdates waits on the server for an update.
    let pollTimeout: Int
    private let offset = Offset()

    /// Telegram's limit on one message's text, in UTF-16 code units.
    static let maxMessageLength = 4096

    public init(token: String, apiURL: String = "https://api.telegram.org", http: HTTPClient, pollTimeout: Int = 25) {
        self.api = TelegramBotAPI(http: ChannelHTTP(http: http, platform: "Telegram", apiURL: apiURL), token: token)
        self.pollTimeout = max(0, pollTimeout)
    }

    /// TELEGRAM_BOT_TOKEN (from the channel's Secret) and TELEGRAM_API_URL
    /// (a self-hosted Bot API server; default api.telegram.org).
    public static func fromEnvironment(_ environment: [String: String], http: HTTPClient) throws -> TelegramAdapter {
        guard let token = environment["TELEGRAM_BOT_TOKEN"], !token.isEmpty else {
            throw ChannelError.configuration(
                "TELEGRAM_BOT_TOKEN is not set: put the token @BotFather gave you in the Secret the instance's telegram channel names in configRef.secret")
        }
        guard token.allSatisfy({ $0.isLetter || $0.isNumber || $0 == ":" || $0 == "_" || $0 == "-" }) else {
            throw ChannelError.configuration("TELEGRAM_BOT_TOKEN is malformed: a bot token looks like 123456:ABC-DEF…")
        }
        let apiURL = environment["TELEGRAM_API_URL"].flatMap { $0.isEmpty ? nil : $0 } ?? "https://api.telegram.org"
        guard apiURL.hasPrefix("https://") || apiURL.hasPrefix("http://") else {
            throw ChannelError.configuration("TELEGRAM_API_URL must be an http(s) URL, got \(apiURL)")
        }
        return TelegramAdapter(token: token, apiURL: apiURL, http: http)
    }

    public func connect() async throws -> String {
        let me = try await api.call("getMe", EmptyRequest(), as: TelegramUser.self)
        return me.username.map { "@\($0)" } ?? me.firstName
    }

    public func receive(_ handle: @escaping @Sendable (ReceivedChannelMessage) async throws -> Void) async throws {
        while true {
            try Task.checkCancellation()
            // Passing offset confirms every earlier update to the server.
            let updates = try await api.call(
                "getUpdates", GetUpdatesRequest(offset: offset.next, timeout: pollTimeout), as: [TelegramUpdate].self,
                timeout: .seconds(pollTimeout + 15))
            for update in updates.sorted(by: { $0.updateId < $1.updateId }) {
                if let message = Self.received(update) { try await handle(message) }
                offset.confirm(update.updateId)
            }
        }
    }

    public func send(_ message: OutboundChannelMessage) async throws {
        let replyTo = message.replyTo.flatMap { Int64($0) }
        for (index, part) in Self.split(message.text).enumerated() {
            let request = SendMessageRequest(
                chatId: .init(message.chatId), text: part, messageThreadId: message.threadId.flatMap { Int64($0) },
                replyParameters: index == 0 ? replyTo.map { .init(messageId: $0) } : nil)
            _ = try await api.call("sendMessage", request, as: TelegramMessage.self)
        }
    }

    /// A person's text message, or nil (bots, service messages, stickers…).
    static func received(_ update: TelegramUpdate) -> ReceivedChannelMessage? {
        guard let message = update.message, let text = message.text, !text.isEmpty else { return nil }
        if message.from?.isBot == true { return nil }
        var metadata = ["messageId": String(message.messageId), "chatType": message.chat.type]
        if let username = message.from?.username { metadata["username"] = username }
        return ReceivedChannelMessage(
            id: String(update.updateId), senderId: message.from.map { String($0.id) }, senderName: message.from?.displayName,
            chatId: String(message.chat.id), threadId: message.messageThreadId.map(String.init), text: text, metadata: metadata)
    }

    /// Parts Telegram accepts, sent as plain text: Telegram's Markdown needs
    /// escaping an agent's answer does not have.
    static func split(_ text: String) -> [String] { MessageText.split(text, maxLength: maxMessageLength) }
}

/// The next update to ask for: one past the last one handled. Kept across
/// restarts of `receive`, so a retried poll does not hand out an update again.
private final class Offset: Sendable {
    private let value = Mutex<Int64?>(nil)

    var next: Int64? { value.withLock { $0 } }

    func confirm(_ updateID: Int64) {
        value.withLock { $0 = max($0 ?? 0, updateID + 1) }
    }
}
