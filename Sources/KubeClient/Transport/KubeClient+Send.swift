import AsyncHTTPClient
import Foundation
import KubeModel
import NIOCore
import NIOHTTP1

extension KubeClient {
    /// Sends a request and reads the whole answer. A non-2xx answer throws
    /// `KubeAPIError`; an unreachable server throws `KubeClientError.transport`.
    public func send(_ request: KubeRequest) async throws -> KubeResponse {
        let timeout = request.timeout ?? configuration.requestTimeout
        let deadline = NIODeadline.now() + TimeAmount(timeout)
        var response = try await execute(request, deadline: deadline, refreshToken: false)
        if response.status == .unauthorized, refreshableCredentials {
            _ = try? await response.body.collect(upTo: 64 * 1024)
            response = try await execute(request, deadline: deadline, refreshToken: true)
        }
        let body: ByteBuffer
        do {
            body = try await response.body.collect(upTo: Self.maxResponseBytes)
        } catch {
            throw transportError(request, error)
        }
        let bytes = Array(body.readableBytesView)
        guard (200..<300).contains(response.status.code) else {
            throw Self.apiError(status: Int(response.status.code), body: bytes)
        }
        return KubeResponse(status: Int(response.status.code), headers: response.headers, body: bytes)
    }

    /// Sends a request whose answer streams (watches, logs). Error answers
    /// throw as with `send`; otherwise the caller reads the body.
    public func stream(_ request: KubeRequest, deadline: NIODeadline) async throws -> HTTPClientResponse.Body {
        var response = try await execute(request, deadline: deadline, refreshToken: false)
        if response.status == .unauthorized, refreshableCredentials {
            _ = try? await response.body.collect(upTo: 64 * 1024)
            response = try await execute(request, deadline: deadline, refreshToken: true)
        }
        guard (200..<300).contains(response.status.code) else {
            let body = (try? await response.body.collect(upTo: 1024 * 1024)).map { Array($0.readableBytesView) } ?? []
            throw Self.apiError(status: Int(response.status.code), body: body)
        }
        return response.body
    }

    private var refreshableCredentials: Bool {
        switch configuration.credentials {
        case .tokenFile, .exec: true
        case .none, .token: false
        }
    }

    private func execute(_ request: KubeRequest, deadline: NIODeadline, refreshToken: Bool) async throws -> HTTPClientResponse {
        var http = HTTPClientRequest(url: baseURL + request.target)
        http.method = request.method
        http.headers.add(name: "Accept", value: request.accept)
        http.headers.add(name: "User-Agent", value: configuration.userAgent)
        if let token = try await tokens.token(refresh: refreshToken) {
            http.headers.add(name: "Authorization", value: "Bearer \(token)")
        }
        if let body = request.body {
            http.headers.add(name: "Content-Type", value: request.contentType ?? "application/json")
            http.body = .bytes(ByteBuffer(bytes: body))
        }
        do {
            return try await self.http.execute(http, deadline: deadline, logger: nil)
        } catch {
            throw transportError(request, error)
        }
    }

    private func transportError(_ request: KubeRequest, _ error: any Error) -> any Error {
        if error is CancellationError { return error }
        if let error = error as? HTTPClientError, error == .cancelled { return CancellationError() }
        return KubeClientError(.transport, "\(request.method) \(baseURL)\(request.path): \(error)")
    }

    /// Decodes a Status body, or describes the answer when it is not one.
    static func apiError(status: Int, body: [UInt8]) -> KubeAPIError {
        if let decoded = try? JSONDecoder().decode(Status.self, from: Data(body)), decoded.kind == "Status" {
            return KubeAPIError(code: status, status: decoded)
        }
        let text = String(decoding: body.prefix(512), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        let reason = KubeAPIError.reason(forHTTPStatus: status)
        return KubeAPIError(
            code: status,
            status: Status(status: "Failure", message: text.isEmpty ? "the server answered \(status)" : text, reason: reason, code: Int32(status)))
    }
}

extension TimeAmount {
    /// The same span as a Swift `Duration`.
    init(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        self = .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
