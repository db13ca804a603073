import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1

/// POSTs to a provider with a per-request timeout, and retries 429, 5xx and
/// connection failures with backoff and jitter, honouring Retry-After.
struct ProviderHTTP: Sendable {
    let client: HTTPClient
    let retry: RetryPolicy
    let timeout: Duration
    let logger: Logger

    /// Largest error or non-streamed body read into memory.
    static let maxBodyBytes = 32 << 20

    /// A 2xx response; its body is the caller's to read.
    func post(_ url: String, headers: [(String, String)], body: Data, endpoint: ModelEndpoint) async throws -> HTTPClientResponse {
        var attempt = 0
        while true {
            do {
                return try await postOnce(url, headers: headers, body: body, endpoint: endpoint)
            } catch let error as ProviderError where error.isRetryable && attempt < retry.maxRetries {
                let delay = retry.delay(attempt: attempt, retryAfter: error.retryAfter)
                logger.warning(
                    "provider request failed, retrying",
                    metadata: [
                        "model": "\(endpoint.label)", "error.code": "\(error.code)", "attempt": "\(attempt + 1)",
                        "delay.ms": "\(delay.milliseconds)",
                    ])
                try await Task.sleep(for: delay)
                attempt += 1
            }
        }
    }

    /// Reads a whole (non-streamed) body.
    func collect(_ response: HTTPClientResponse, endpoint: ModelEndpoint) async throws -> Data {
        do {
            let buffer = try await response.body.collect(upTo: Self.maxBodyBytes)
            return Data(buffer.readableBytesView)
        } catch {
            throw Self.classify(error, endpoint: endpoint)
        }
    }

    private func postOnce(_ url: String, headers: [(String, String)], body: Data, endpoint: ModelEndpoint) async throws
        -> HTTPClientResponse
    {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "content-type", value: "application/json")
        request.headers.add(name: "user-agent", value: "sympozium-agent-runner")
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        request.body = .bytes(ByteBuffer(bytes: body))
        let response: HTTPClientResponse
        do {
            response = try await client.execute(request, timeout: .nanoseconds(timeout.nanoseconds))
        } catch {
            throw Self.classify(error, endpoint: endpoint)
        }
        guard (200..<300).contains(response.status.code) else {
            let retryAfter = Self.retryAfter(response.headers)
            let buffer = try? await response.body.collect(upTo: 1 << 20)
            let text = buffer.map { String(buffer: $0) } ?? ""
            throw ProviderError.http(status: Int(response.status.code), body: text, model: endpoint, retryAfter: retryAfter)
        }
        return response
    }

    static func classify(_ error: any Error, endpoint: ModelEndpoint) -> any Error {
        if error is CancellationError || error is ProviderError { return error }
        if let error = error as? HTTPClientError {
            if error == .deadlineExceeded || error == .readTimeout || error == .connectTimeout || error == .writeTimeout {
                return ProviderError(kind: .timeout, model: endpoint.label, message: "\(endpoint.label) did not answer in time (\(error))")
            }
            if error == .cancelled { return CancellationError() }
        }
        return ProviderError(
            kind: .connection, model: endpoint.label,
            message: "cannot reach \(endpoint.label) at \(endpoint.baseURL ?? "its default endpoint"): \(error)")
    }

    /// `retry-after-ms`, or `retry-after` as seconds or an HTTP date.
    static func retryAfter(_ headers: HTTPHeaders) -> Duration? {
        if let text = headers.first(name: "retry-after-ms"), let millis = Double(text), millis >= 0 {
            return .milliseconds(Int64(millis))
        }
        guard let text = headers.first(name: "retry-after")?.trimmingCharacters(in: .whitespaces) else { return nil }
        if let seconds = Double(text), seconds >= 0 { return .milliseconds(Int64(seconds * 1000)) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: text) else { return nil }
        return .milliseconds(Int64(max(0, date.timeIntervalSinceNow) * 1000))
    }
}

extension Duration {
    var nanoseconds: Int64 {
        let parts = components
        return parts.seconds &* 1_000_000_000 &+ parts.attoseconds / 1_000_000_000
    }

    var milliseconds: Int64 { nanoseconds / 1_000_000 }
}
