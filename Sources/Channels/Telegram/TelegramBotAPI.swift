import Foundation

/// Calls Bot API methods: POST `<apiURL>/bot<token>/<method>` with a JSON
/// body, answers `{"ok", "result"}` or `{"ok": false, "error_code", "description"}`.
/// The token is part of every URL, so no URL is ever logged or put in an error.
struct TelegramBotAPI: Sendable {
    let http: ChannelHTTP
    let token: String

    func call<Body: Encodable, Result: Decodable>(
        _ method: String, _ body: Body, as type: Result.Type = Result.self, timeout: Duration = .seconds(30)
    ) async throws -> Result {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        let answer = try await http.post("bot\(token)/\(method)", method: method, body: try encoder.encode(body), timeout: timeout)
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        guard let envelope = try? decoder.decode(TelegramResponse<Result>.self, from: answer.body) else {
            throw ChannelError(code: "TelegramBadResponse", "\(method): the Bot API answered \(answer.status) with a body that is not a Bot API response")
        }
        if envelope.ok, let result = envelope.result { return result }
        throw Self.error(method: method, status: answer.status, envelope: envelope)
    }

    static func error<Result>(method: String, status: Int, envelope: TelegramResponse<Result>) -> ChannelError {
        let code = envelope.errorCode ?? status
        let description = envelope.description ?? "no description"
        switch code {
        case 401, 404:
            return ChannelError(
                code: "TelegramUnauthorized", "\(method): the Bot API rejected the bot token (\(code) \(description)); check TELEGRAM_BOT_TOKEN",
                permanent: true)
        case 429:
            let wait = Duration.seconds(envelope.parameters?.retryAfter ?? 5)
            return ChannelError(code: "TelegramRateLimited", "\(method): rate limited (\(description))", retryAfter: wait)
        case 409:
            return ChannelError(
                code: "TelegramConflict",
                "\(method): \(description) (another process polls this bot, or a webhook is set); retrying", retryAfter: .seconds(5))
        case 400, 403:
            return ChannelError(code: "TelegramRejected", "\(method): \(code) \(description)", permanent: true)
        default:
            return ChannelError(code: "TelegramError", "\(method): \(code) \(description)")
        }
    }
}
