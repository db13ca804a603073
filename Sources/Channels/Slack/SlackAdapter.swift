import AsyncHTTPClient
import EventBus
import Foundation
import Logging
import Synchronization

/// Slack through Socket Mode: events arrive over a WebSocket opened with the
/// app-level token (apps.connections.open), replies go out with chat.postMessage
/// and the bot token. Direct messages to the bot and mentions of it in
/// channels become inbound messages (a mention is answered in its thread);
/// messages from bots, edits and other subtypes are skipped.
public struct SlackAdapter: ChannelAdapter {
    public let channel = "slack"
    let api: SlackWebAPI
    let botToken: String
    let appToken: String
    let logger: Logger
    private let botUser = BotUser()

    /// Slack shows at most this many characters well; longer answers are split.
    static let maxMessageLength = 4000

    public init(botToken: String, appToken: String, apiURL: String = "https://slack.com/api", http: HTTPClient, logger: Logger) {
        self.api = SlackWebAPI(http: ChannelHTTP(http: http, platform: "Slack", apiURL: apiURL))
        self.botToken = botToken
        self.appToken = appToken
        self.logger = logger
    }

    /// SLACK_BOT_TOKEN (xoxb-…) and SLACK_APP_TOKEN (xapp-…, with connections:write)
    /// from the channel's Secret; SLACK_API_URL for a stand-in of slack.com/api.
    public static func fromEnvironment(_ environment: [String: String], http: HTTPClient, logger: Logger) throws -> SlackAdapter {
        guard let bot = environment["SLACK_BOT_TOKEN"], bot.hasPrefix("xoxb-") else {
            throw ChannelError.configuration(
                "SLACK_BOT_TOKEN must be the app's bot token (xoxb-…) in the Secret the instance's slack channel names in configRef.secret")
        }
        guard let app = environment["SLACK_APP_TOKEN"], app.hasPrefix("xapp-") else {
            throw ChannelError.configuration(
                "SLACK_APP_TOKEN must be an app-level token (xapp-…) with the connections:write scope: Socket Mode opens its WebSocket with it")
        }
        let apiURL = environment["SLACK_API_URL"].flatMap { $0.isEmpty ? nil : $0 } ?? "https://slack.com/api"
        guard apiURL.hasPrefix("https://") || apiURL.hasPrefix("http://") else {
            throw ChannelError.configuration("SLACK_API_URL must be an http(s) URL, got \(apiURL)")
        }
        return SlackAdapter(botToken: bot, appToken: app, apiURL: apiURL, http: http, logger: logger)
    }

    public func connect() async throws -> String {
        let auth = try await api.call("auth.test", SlackEmpty(), token: botToken, tokenVariable: "SLACK_BOT_TOKEN", as: SlackAuthTest.self)
        botUser.set(auth.userId)
        return "@\(auth.user ?? auth.userId)"
    }

    public func receive(_ handle: @escaping @Sendable (ReceivedChannelMessage) async throws -> Void) async throws {
        while true {
            try Task.checkCancellation()
            // Each connection's URL is good for one WebSocket; Slack asks for a new one now and then.
            let connection = try await api.call(
                "apps.connections.open", SlackEmpty(), token: appToken, tokenVariable: "SLACK_APP_TOKEN", as: SlackConnection.self)
            let socket = SlackSocket(url: connection.url, botUserID: botUser.get(), logger: logger)
            let reason = try await socket.run(handle)
            logger.info("Slack closes the Socket Mode connection; reconnecting", metadata: ["reason": "\(reason)"])
        }
    }

    public func send(_ message: OutboundChannelMessage) async throws {
        let thread = message.threadId.flatMap { $0.isEmpty ? nil : $0 }
        for part in MessageText.split(message.text, maxLength: Self.maxMessageLength) {
            let post = SlackPostMessage(channel: message.chatId, text: part, threadTs: thread)
            _ = try await api.call("chat.postMessage", post, token: botToken, tokenVariable: "SLACK_BOT_TOKEN", as: SlackPosted.self)
        }
    }

    /// A direct message to the bot or a mention of it, or nil.
    static func received(_ payload: SlackSocketFrame.Payload?, botUserID: String?) -> ReceivedChannelMessage? {
        guard let event = payload?.event, var text = event.text, let channel = event.channel, let ts = event.ts else { return nil }
        guard event.botId == nil, event.subtype == nil, let user = event.user, user != botUserID else { return nil }
        let thread: String?
        switch event.type {
        case "message" where event.channelType == "im":
            thread = event.threadTs
        case "app_mention":
            // Answered in the mention's thread, so a channel stays readable.
            thread = event.threadTs ?? ts
            if let botUserID { text = text.replacingOccurrences(of: "<@\(botUserID)>", with: "") }
            text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        default:
            return nil
        }
        guard !text.isEmpty else { return nil }
        var metadata = ["ts": ts]
        if let channelType = event.channelType { metadata["channelType"] = channelType }
        return ReceivedChannelMessage(
            id: payload?.eventId ?? "\(channel)-\(ts)", senderId: user, chatId: channel, threadId: thread, text: text, metadata: metadata)
    }
}

/// The bot's own user ID, learned from auth.test.
private final class BotUser: Sendable {
    private let id = Mutex<String?>(nil)

    func set(_ value: String) { id.withLock { $0 = value } }
    func get() -> String? { id.withLock { $0 } }
}
