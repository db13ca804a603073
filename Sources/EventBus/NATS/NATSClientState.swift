import NIOCore

/// Everything the client mutates, behind one lock.
struct ClientState {
    enum Status: Equatable { case idle, connecting, connected, reconnecting, draining, closed }

    var status: Status = .idle
    var channel: (any Channel)?
    var generation: UInt64 = 0
    var server: NATSServerAddress?
    var serverIndex = 0
    var serverInfo: NATSServerInfo?
    var maxPayload = 1024 * 1024
    /// Commands not yet handed to the channel (kept while disconnected).
    var outbound = ByteBuffer()
    var flushScheduled = false
    var writing = false
    var writeWaiters: [CheckedContinuation<Void, any Error>] = []
    /// One entry per PING in flight; nil for keep-alive pings.
    var pongWaiters: [EventLoopPromise<Void>?] = []
    var pingsOutstanding = 0
    var subscriptions: [UInt64: SubscriptionRecord] = [:]
    var nextSID: UInt64 = 1
    var muxSID: UInt64?
    var responders: [UInt64: Responder] = [:]
    var sweeper: RepeatedTask?
    var nextToken: UInt64 = 0
    var reconnectTask: Task<Void, Never>?

    /// Marks a flush as scheduled; returns the loop to schedule it on, or nil
    /// when one is already pending or there is no channel.
    mutating func scheduleFlush() -> (any EventLoop)? {
        guard !flushScheduled, let channel else { return nil }
        flushScheduled = true
        return channel.eventLoop
    }
}

struct SubscriptionRecord {
    var subject: String
    var queue: String?
    var messages: AsyncQueue<NATSMessage>
    var dropped = 0
    /// Temporary subscriptions (pull request inboxes) end by themselves at this time.
    var deadline: NIODeadline?
}

/// A pending reply on the shared inbox and when it expires.
struct Responder {
    var reply: NATSReply
    var deadline: NIODeadline
}
