/// Messages for one SUB. Iterate it; it ends after `unsubscribe()`, `drain()`
/// or `close()`.
public struct NATSSubscription: AsyncSequence, Sendable {
    public typealias Element = NATSMessage

    let client: NATSClient
    public let sid: UInt64
    public let subject: String
    public let queue: String?
    let messages: AsyncQueue<NATSMessage>

    public func unsubscribe() {
        client.unsubscribe(sid: sid)
    }

    /// Messages received but not yet consumed.
    public var pendingCount: Int { messages.bufferedCount }

    /// The next message, or nil when the subscription ended.
    public func next() async throws -> NATSMessage? {
        try await messages.next()
    }

    public struct AsyncIterator: AsyncIteratorProtocol {
        let messages: AsyncQueue<NATSMessage>
        public mutating func next() async throws -> NATSMessage? { try await messages.next() }
    }

    public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(messages: messages) }
}
