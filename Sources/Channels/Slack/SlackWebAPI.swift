import Foundation

/// Calls Slack Web API methods: POST `<apiURL>/<method>` with a JSON body and
/// `Authorization: Bearer <token>`. Slack answers errors with HTTP 200 and
/// `{"ok": false, "error": "<code>"}`, and rate limits with 429 and Retry-After.
struct SlackWebAPI: Sendable {
    let http: ChannelHTTP

    func call<Body: Encodable, Result: Decodable>(
        _ method: String, _ body: Body, token: String, tokenVariable: String, as type: Result.Type = Result.self,
        timeout: Duration = .seconds(30)
    ) async throws -> Result {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        let answer = try await http.post(
            method, method: method, body: try encoder.encode(body), headers: [("authorization", "Bearer \(token)")], timeout: timeout)
        if answer.status == 429 {
            throw ChannelError(code: "SlackRateLimited", "\(method): rate limited", retryAfter: answer.retryAfter ?? .seconds(5))
        }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        guard let status = try? decoder.decode(SlackStatus.self, from: answer.body) else {
            throw ChannelError(code: "SlackBadResponse", "\(method): Slack answered \(answer.status) with a body that is not a Web API response")
        }
        guard status.ok else { throw Self.error(method: method, code: status.error ?? "unknown_error", tokenVariable: tokenVariable) }
        do {
            return try decoder.decode(Result.self, from: answer.body)
        } catch {
            throw ChannelError(code: "SlackBadResponse", "\(method): Slack's answer lacks what the method returns: \(error)")
        }
    }

    static func error(method: String, code: String, tokenVariable: String) -> ChannelError {
        switch code {
        case "invalid_auth", "not_authed", "account_inactive", "token_revoked", "token_expired", "not_allowed_token_type":
            return ChannelError(code: "SlackUnauthorized", "\(method): Slack rejected the token (\(code)); check \(tokenVariable)", permanent: true)
        case "channel_not_found", "not_in_channel", "is_archived", "msg_too_long", "no_text", "missing_scope", "restricted_action":
            return ChannelError(code: "SlackRejected", "\(method): \(code)", permanent: true)
        case "ratelimited":
            return ChannelError(code: "SlackRateLimited", "\(method): rate limited", retryAfter: .seconds(5))
        default:
            return ChannelError(code: "SlackError", "\(method): \(code)")
        }
    }
}
