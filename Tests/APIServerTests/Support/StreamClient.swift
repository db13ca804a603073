import Foundation
import HTTPTypes
import HummingbirdWSClient
import KubeModel
import Logging
import Testing

/// A real WebSocket client of /ws/stream: what the server sends collects in
/// an inbox; `send` writes text frames; `close` ends the socket.
final class StreamClient: Sendable {
    private let frames: Inbox
    private let outgoing: AsyncStream<String>.Continuation
    private let task: Task<WebSocketCloseFrame?, any Error>

    private init(outgoing: AsyncStream<String>.Continuation, task: Task<WebSocketCloseFrame?, any Error>, inbox: Inbox) {
        self.outgoing = outgoing
        self.task = task
        self.frames = inbox
    }

    /// Connects to `url` (ws://...); the connection runs until `close()`.
    static func connect(_ url: String, token: String? = nil) -> StreamClient {
        let inbox = Inbox()
        let (frames, sink) = AsyncStream<String>.makeStream()
        var headers = HTTPFields()
        if let token { headers[.authorization] = "Bearer \(token)" }
        var logger = Logger(label: "test.ws")
        logger.logLevel = .warning
        let configuration = WebSocketClientConfiguration(maxFrameSize: 1 << 20, additionalHeaders: headers)
        let task = Task {
            try await WebSocketClient.connect(url: url, configuration: configuration, logger: logger) { inbound, outbound, _ in
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask {
                        for try await message in inbound.messages(maxSize: 1 << 20) {
                            if case .text(let text) = message { await inbox.append(text) }
                        }
                    }
                    group.addTask {
                        for await text in frames { try await outbound.writeTextMessage(text) }
                    }
                    _ = try await group.next()
                    group.cancelAll()
                }
            }
        }
        return StreamClient(outgoing: sink, task: task, inbox: inbox)
    }

    func send(_ text: String) { outgoing.yield(text) }

    /// The next frame the server sent, as JSON; fails after `timeout`.
    func next(timeout: Duration = .seconds(15), sourceLocation: SourceLocation = #_sourceLocation) async throws -> JSONValue {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let text = await frames.takeFirst() { return try JSONParser.parse(Array(text.utf8)) }
            try await Task.sleep(for: .milliseconds(10))
        }
        Issue.record("no frame within \(timeout)", sourceLocation: sourceLocation)
        throw StreamClientError.timedOut
    }

    /// The next frame of `type`, skipping others (events, say).
    func next(type: String, timeout: Duration = .seconds(15), sourceLocation: SourceLocation = #_sourceLocation) async throws -> JSONValue {
        while true {
            let frame = try await next(timeout: timeout, sourceLocation: sourceLocation)
            if frame["type"]?.stringValue == type { return frame }
        }
    }

    /// Frames received and not taken yet.
    func pending() async -> [String] { await frames.all() }

    /// Ends the socket and waits for the client to finish; the connection's error, if any, is thrown.
    @discardableResult
    func close() async throws -> WebSocketCloseFrame? {
        outgoing.finish()
        return try await task.value
    }

    /// How the connection ended (for refused upgrades).
    func result() async -> Result<WebSocketCloseFrame?, any Error> { await task.result }

    enum StreamClientError: Error { case timedOut }

    actor Inbox {
        private var texts: [String] = []
        func append(_ text: String) { texts.append(text) }
        func takeFirst() -> String? { texts.isEmpty ? nil : texts.removeFirst() }
        func all() -> [String] { texts }
    }
}
