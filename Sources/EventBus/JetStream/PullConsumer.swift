import Foundation
import NIOCore

/// A durable (or ephemeral) pull consumer.
public struct PullConsumer: Sendable {
    public let jetStream: JetStream
    public let stream: String
    public let name: String

    public func info() async throws -> ConsumerInfo {
        try await jetStream.consumerInfo(stream: stream, name: name)
    }

    /// Requests up to `batch` messages and waits at most `expires` for them;
    /// messages are yielded as they arrive.
    public func messages(batch: Int, expires: Duration = .seconds(5)) async throws -> PullBatch {
        let client = jetStream.client
        // The server answers 408 at expiry; the extra time only covers lost connections.
        let inbox = try client.temporaryInbox(timeout: expires + .seconds(2))
        let request = PullRequest(batch: max(batch, 1), expires: expires.nanoseconds, noWait: nil)
        var payload = ByteBuffer()
        payload.writeBytes(try JSONEncoder().encode(request))
        do {
            try await client.publish("\(jetStream.apiPrefix).CONSUMER.MSG.NEXT.\(stream).\(name)",
                                     payload: payload, replyTo: inbox.subject)
        } catch {
            inbox.unsubscribe()
            throw error
        }
        return PullBatch(client: client, inbox: inbox, batch: max(batch, 1))
    }

    /// Collects up to `batch` messages, waiting at most `expires`.
    public func fetch(batch: Int, expires: Duration = .seconds(5)) async throws -> [JetStreamMessage] {
        var collected: [JetStreamMessage] = []
        for try await message in try await messages(batch: batch, expires: expires) {
            collected.append(message)
        }
        return collected
    }
}

/// The answers to one pull request.
public struct PullBatch: AsyncSequence, Sendable {
    public typealias Element = JetStreamMessage

    let client: NATSClient
    let inbox: NATSSubscription
    let batch: Int

    /// Stops listening for this pull request.
    public func cancel() {
        inbox.unsubscribe()
    }

    public struct AsyncIterator: AsyncIteratorProtocol, Sendable {
        let owner: PullBatch
        var received = 0
        var done = false

        public mutating func next() async throws -> JetStreamMessage? {
            while !done {
                guard received < owner.batch, let message = try await nextRaw() else { return finish() }
                switch message.status {
                case nil:
                    received += 1
                    if received == owner.batch { done = true; owner.cancel() }
                    return JetStreamMessage(message: message, client: owner.client)
                case 100:
                    continue
                case 404, 408:
                    return finish()
                case let code?:
                    _ = finish()
                    throw NATSError(code: "pullRequestFailed",
                                    message: "pull request ended with status \(code) \(message.headers?.statusDescription ?? "")")
                }
            }
            return nil
        }

        private func nextRaw() async throws -> NATSMessage? {
            do {
                return try await owner.inbox.next()
            } catch {
                owner.cancel()
                throw error
            }
        }

        private mutating func finish() -> JetStreamMessage? {
            done = true
            owner.cancel()
            return nil
        }
    }

    public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(owner: self) }
}
