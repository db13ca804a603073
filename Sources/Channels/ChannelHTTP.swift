import AsyncHTTPClient
import Foundation
import NIOCore

/// JSON POSTs to a platform's web API, with transport failures turned into
/// `ChannelError`s that never carry the URL (a bot token may be part of it).
struct ChannelHTTP: Sendable {
    let http: HTTPClient
    /// "Telegram", "Slack": the prefix of error codes.
    let platform: String
    let apiURL: String
    static let maxResponseBytes = 8 << 20

    struct Answer: Sendable {
        var status: Int
        var body: Data
        /// Retry-After in seconds, when the platform sent it.
        var retryAfter: Duration?
    }

    init(http: HTTPClient, platform: String, apiURL: String) {
        var apiURL = apiURL
        while apiURL.hasSuffix("/") { apiURL.removeLast() }
        self.http = http
        self.platform = platform
        self.apiURL = apiURL
    }

    /// The API's host, for messages (never the path).
    var host: String { URL(string: apiURL)?.host ?? "the configured URL" }

    /// POSTs `body` as JSON to `<apiURL>/<path>`; `method` names the call in errors.
    func post(_ path: String, method: String, body: Data, headers: [(String, String)] = [], timeout: Duration) async throws -> Answer {
        var request = HTTPClientRequest(url: "\(apiURL)/\(path)")
        request.method = .POST
        request.headers.add(name: "content-type", value: "application/json; charset=utf-8")
        request.headers.add(name: "user-agent", value: "sympozium-channel-\(platform.lowercased())")
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        request.body = .bytes(ByteBuffer(bytes: body))
        do {
            let (seconds, attoseconds) = timeout.components
            let response = try await http.execute(request, timeout: .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000))
            let bytes = try await response.body.collect(upTo: Self.maxResponseBytes)
            let retryAfter = response.headers.first(name: "retry-after").flatMap(Int.init).map { Duration.seconds($0) }
            return Answer(status: Int(response.status.code), body: Data(bytes.readableBytesView), retryAfter: retryAfter)
        } catch is CancellationError {
            throw CancellationError()
        } catch let error as HTTPClientError {
            // HTTPClientError can name the URL; describe the failure without it.
            throw unreachable(method, Self.describe(error))
        } catch is NIOTooManyBytesError {
            throw ChannelError(code: "\(platform)BadResponse", "\(method): the \(platform) API's answer is over \(Self.maxResponseBytes >> 20) MiB")
        } catch {
            // Connection errors name host and port, never the path.
            throw unreachable(method, "\(error)")
        }
    }

    func unreachable(_ method: String, _ reason: String) -> ChannelError {
        ChannelError(code: "\(platform)Unreachable", "\(method): cannot reach the \(platform) API at \(host): \(reason)")
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
