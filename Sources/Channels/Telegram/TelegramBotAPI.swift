import AsyncHTTPClient
import Foundation
import NIOCore

/// Calls Bot API methods: POST `<apiURL>/bot<token>/<method>` with a JSON
/// body, answers `{"ok", "result"}` or `{"ok": false, "error_code", "description"}`.
/// The token is part of every URL, so no URL is ever logged or put in an error.
struct TelegramBotAPI: Sendable {
    let apiURL: String
    let token: String
    let http: HTTPClient
    static let maxResponseBytes = 8 << 20

    func call<Body: Encodable, Result: Decodable>(
        _ method: String, _ body: Body, as type: Result.Type = Result.self, timeout: Duration = .seconds(30)
    ) async throws -> Result {
        var request = HTTPClientRequest(url: "\(apiURL)/bot\(token)/\(method)")
        request.method = .POST
        request.headers.add(name: "content-type", value: "application/json")
        request.headers.add(name: "user-agent", value: "sympozium-channel-telegram")
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        request.body = .bytes(ByteBuffer(bytes: try encoder.encode(body)))
        let response: HTTPClientResponse
        let bytes: ByteBuffer
        do {
            let (seconds, attoseconds) = timeout.components
            response = try await http.execute(request, timeout: .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000))
            bytes = try await response.body.collect(upTo: Self.maxResponseBytes)
        } catch is CancellationError {
            throw CancellationError()
        } catch let error as HTTPClientError {
            // HTTPClientError can name the URL; describe the failure without it.
            throw ChannelError(code: "TelegramUnreachable", "\(method): cannot reach the Bot API at \(host): \(Self.describe(error))")
        } catch is NIOTooManyBytesError {
            throw ChannelError(code: "TelegramBadResponse", "\(method): the Bot API's answer is over \(Self.maxResponseBytes >> 20) MiB")
        } catch {
            // Connection errors name host and port, never the path.
            throw ChannelError(code: "TelegramUnreachable", "\(method): cannot reach the Bot API at \(host): \(error)")
        }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        guard let envelope = try? decoder.decode(TelegramResponse<Result>.self, from: Data(bytes.readableBytesView)) else {
            throw ChannelError(code: "TelegramBadResponse", "\(method): the Bot API answered \(response.status.code) with a body that is not a Bot API response")
        }
        if envelope.ok, let result = envelope.result { return result }
        throw Self.error(method: method, status: Int(response.status.code), envelope: envelope)
    }

    /// The API's host, for messages (never the path: it holds the token).
    var host: String { URL(string: apiURL)?.host ?? "the configured URL" }

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

    static func describe(_ error: HTTPClientError) -> String {
        switch error {
        case .connectTimeout: "connect timed out"
        case .deadlineExceeded, .readTimeout: "timed out"
        case .remoteConnectionClosed: "the connection closed"
        case .cancelled: "cancelled"
        default: "connection failed"
        }
    }
}
