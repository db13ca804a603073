import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle
import Synchronization

/// A NATS client on SwiftNIO: publish, subscribe, request/reply over one
/// shared inbox, flush, drain, and reconnection with resubscription.
///
/// Outgoing commands are appended to one buffer under a lock and written by a
/// single flush scheduled on the event loop, so bursts of publishes coalesce
/// into few socket writes.
public final class NATSClient: Sendable {
    public let options: NATSClientOptions
    /// The loop every connection of this client runs on.
    let eventLoop: any EventLoop
    let logger: Logger
    let state: Mutex<ClientState>
    /// `<inboxPrefix>.<random>`: the shared reply subject prefix of this client.
    let muxPrefix: String

    public init(options: NATSClientOptions, eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) {
        self.options = options
        self.eventLoop = eventLoopGroup.next()
        self.taskExecutor = EventLoopTaskExecutor(eventLoop)
        self.logger = options.logger
        self.state = Mutex(ClientState())
        self.muxPrefix = "\(options.inboxPrefix).\(NUID.next())"
    }

    /// An executor on this client's event loop: tasks that publish or request
    /// a lot run fastest with it as their preference (no thread hops).
    public let taskExecutor: EventLoopTaskExecutor

    /// The INFO of the server currently connected to.
    public var serverInfo: NATSServerInfo? { state.withLock { $0.serverInfo } }

    public var isConnected: Bool { state.withLock { $0.status == .connected } }

    /// A fresh unique subject under this client's inbox prefix.
    public func newInbox() -> String { "\(options.inboxPrefix).\(NUID.next())" }

    // MARK: Publishing

    public nonisolated(nonsending) func publish(_ subject: String, payload: ByteBuffer, headers: NATSHeaders? = nil, replyTo: String? = nil) async throws {
        if let replyTo { try Self.validate(subject: replyTo) }
        try await publish(subject, payload: payload, headers: headers, reply: replyTo.map { .subject($0) })
    }

    /// Encodes PUB/HPUB in one write into the outgoing buffer.
    nonisolated(nonsending) func publish(_ subject: String, payload: ByteBuffer, headers: NATSHeaders?, reply: PublishCommand.Reply?) async throws {
        try Self.validate(subject: subject)
        let headerBlock = headers.map { headers -> ByteBuffer in
            var buffer = ByteBuffer()
            headers.write(to: &buffer)
            return buffer
        }
        let command = PublishCommand(subject: subject, reply: reply, headerBlock: headerBlock, payload: payload)
        let size = command.totalSize
        try await enqueue(size: command.maximumEncodedLength) { buffer, maxPayload in
            if size > maxPayload { throw NATSError.payloadTooLarge(size, max: maxPayload) }
            command.write(to: &buffer)
        }
    }

    public nonisolated(nonsending) func publish(_ subject: String, payload: some Collection<UInt8>, headers: NATSHeaders? = nil, replyTo: String? = nil) async throws {
        var buffer = ByteBuffer()
        buffer.writeBytes(payload)
        try await publish(subject, payload: buffer, headers: headers, replyTo: replyTo)
    }

    public nonisolated(nonsending) func publish(_ subject: String, string: String, headers: NATSHeaders? = nil, replyTo: String? = nil) async throws {
        try await publish(subject, payload: ByteBuffer(string: string), headers: headers, replyTo: replyTo)
    }

    /// Sends PING and waits for the server's PONG: everything written before
    /// has been processed by the server.
    public func flush(timeout: Duration? = nil) async throws {
        let (promise, loop): (EventLoopPromise<Void>, (any EventLoop)?) = try state.withLock { state in
            guard state.status == .connected || state.status == .draining, let channel = state.channel else {
                throw state.status == .closed ? NATSError.connectionClosed : NATSError.notConnected
            }
            let promise = channel.eventLoop.makePromise(of: Void.self)
            state.outbound.writeStaticString("PING\r\n")
            state.pongWaiters.append(promise)
            return (promise, state.scheduleFlush())
        }
        if let loop { loop.execute { self.flushOutbound() } }
        let timer = promise.futureResult.eventLoop.scheduleTask(in: (timeout ?? options.requestTimeout).timeAmount) {
            promise.fail(NATSError.timeout)
        }
        defer { timer.cancel() }
        try await promise.futureResult.get()
    }

    // MARK: Subscriptions

    public func subscribe(_ subject: String, queue: String? = nil, pendingLimit: Int? = nil) throws -> NATSSubscription {
        try Self.validate(subject: subject)
        if let queue { try Self.validate(subject: queue) }
        let messages = AsyncQueue<NATSMessage>(limit: pendingLimit ?? options.subscriptionPendingLimit)
        let (sid, loop): (UInt64, (any EventLoop)?) = try state.withLock { state in
            guard state.status != .closed, state.status != .draining else { throw NATSError.connectionClosed }
            let sid = state.nextSID
            state.nextSID += 1
            state.subscriptions[sid] = SubscriptionRecord(subject: subject, queue: queue, messages: messages)
            guard state.status == .connected else { return (sid, nil) }
            state.outbound.writeSubscribe(subject: subject, queue: queue, sid: sid)
            return (sid, state.scheduleFlush())
        }
        if let loop { loop.execute { self.flushOutbound() } }
        return NATSSubscription(client: self, sid: sid, subject: subject, queue: queue, messages: messages)
    }

    func unsubscribe(sid: UInt64) {
        let (record, loop): (SubscriptionRecord?, (any EventLoop)?) = state.withLock { state in
            guard let record = state.subscriptions.removeValue(forKey: sid) else { return (nil, nil) }
            guard state.status == .connected else { return (record, nil) }
            state.outbound.writeStaticString("UNSUB ")
            state.outbound.writeDecimal(Int(sid))
            state.outbound.writeStaticString("\r\n")
            return (record, state.scheduleFlush())
        }
        if let loop { loop.execute { self.flushOutbound() } }
        record?.messages.finish()
    }

    // MARK: Lifecycle

    /// Unsubscribes everything, waits until the server processed it, lets the
    /// subscriptions finish with what they already received, then closes.
    public func drain(timeout: Duration? = nil) async throws {
        let loop: (any EventLoop)? = state.withLock { state in
            guard state.status == .connected else { return nil }
            state.status = .draining
            for sid in state.subscriptions.keys.sorted() where sid != state.muxSID {
                state.outbound.writeStaticString("UNSUB ")
                state.outbound.writeDecimal(Int(sid))
                state.outbound.writeStaticString("\r\n")
            }
            return state.scheduleFlush()
        }
        if let loop { loop.execute { self.flushOutbound() } }
        do {
            try await flush(timeout: timeout)
        } catch {
            await close()
            throw error
        }
        let records = state.withLock { state in
            let records = state.subscriptions.filter { $0.key != state.muxSID }.map(\.value)
            for sid in state.subscriptions.keys where sid != state.muxSID { state.subscriptions[sid] = nil }
            return records
        }
        for record in records { record.messages.finish() }
        await close()
    }

    /// Closes the connection: writes what is buffered, fails pending requests,
    /// ends every subscription.
    public func close() async {
        let (channel, records, responders, pongs, waiters, reconnect): (
            (any Channel)?, [SubscriptionRecord], [NATSReply], [EventLoopPromise<Void>?],
            [CheckedContinuation<Void, any Error>], Task<Void, Never>?
        ) = state.withLock { state in
            guard state.status != .closed else { return (nil, [], [], [], [], nil) }
            state.status = .closed
            let channel = state.channel
            state.channel = nil
            if let channel, state.outbound.readableBytes > 0 {
                let pending = state.outbound
                channel.eventLoop.execute { channel.writeAndFlush(pending, promise: nil) }
            }
            state.outbound.clear()
            defer {
                state.subscriptions.removeAll()
                state.responders.removeAll()
                state.sweeper?.cancel()
                state.sweeper = nil
                state.pongWaiters.removeAll()
                state.writeWaiters.removeAll()
                state.reconnectTask = nil
            }
            return (channel, Array(state.subscriptions.values), state.responders.values.map(\.reply), state.pongWaiters,
                    state.writeWaiters, state.reconnectTask)
        }
        reconnect?.cancel()
        for record in records { record.messages.finish() }
        for reply in responders { reply.complete(.failure(NATSError.connectionClosed)) }
        for pong in pongs { pong?.fail(NATSError.connectionClosed) }
        for waiter in waiters { waiter.resume(throwing: NATSError.connectionClosed) }
        if let channel {
            try? await channel.close().get()
            options.eventHandler?(.closed)
        }
    }

    // MARK: Internals

    /// Appends one command to the outgoing buffer; waits when the buffer is
    /// above the high-water mark while connected.
    nonisolated(nonsending) func enqueue(size: Int, _ write: (inout ByteBuffer, Int) throws -> Void) async throws {
        let highWater = options.writeHighWaterMark
        let reconnectLimit = options.reconnectBufferSize
        let (loop, mustWait): ((any EventLoop)?, Bool) = try state.withLock { state in
            switch state.status {
            case .closed, .idle:
                throw state.status == .closed ? NATSError.connectionClosed : NATSError.notConnected
            case .connecting, .reconnecting:
                guard state.outbound.readableBytes + size <= reconnectLimit else { throw NATSError.reconnectBufferExceeded }
                try write(&state.outbound, state.maxPayload)
                return (nil, false)
            case .connected, .draining:
                try write(&state.outbound, state.maxPayload)
                return (state.scheduleFlush(), state.outbound.readableBytes > highWater)
            }
        }
        if let loop { loop.execute { self.flushOutbound() } }
        if mustWait { try await waitForWritable() }
    }

    private nonisolated(nonsending) func waitForWritable() async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let ready = state.withLock { state -> Bool in
                guard state.status == .connected || state.status == .draining,
                      state.outbound.readableBytes > options.writeHighWaterMark || state.writing
                else { return true }
                state.writeWaiters.append(continuation)
                return false
            }
            if ready { continuation.resume() }
        }
    }

    /// Runs on the event loop: hands the outgoing buffer to the channel.
    ///
    /// Under a high publish rate (a big buffer) the flush re-arms itself on a
    /// short timer instead of clearing `flushScheduled`, so publishers stop
    /// waking the event loop for every few messages; at low rates the next
    /// publish schedules a flush right away.
    func flushOutbound() {
        let (channel, buffer, waiters, rearm): ((any Channel)?, ByteBuffer?, [CheckedContinuation<Void, any Error>], Bool) =
            state.withLock { state in
                guard state.status == .connected || state.status == .draining, let channel = state.channel,
                      state.outbound.readableBytes > 0
                else {
                    state.flushScheduled = false
                    return (nil, nil, [], false)
                }
                let buffer = state.outbound
                state.outbound = ByteBuffer()
                // Sized after the last flush, not its capacity: huge fresh buffers cost page faults.
                state.outbound.reserveCapacity(min(max(buffer.readableBytes, 4096), 64 * 1024))
                let waiters = state.writeWaiters
                state.writeWaiters.removeAll()
                state.writing = !waiters.isEmpty
                let rearm = buffer.readableBytes >= Self.rearmThreshold
                state.flushScheduled = rearm
                return (channel, buffer, waiters, rearm)
            }
        guard let channel, let buffer else { return }
        if waiters.isEmpty {
            channel.writeAndFlush(buffer, promise: nil)
        } else {
            let highWater = options.writeHighWaterMark
            channel.writeAndFlush(buffer).whenComplete { _ in
                let later = self.state.withLock { state -> [CheckedContinuation<Void, any Error>] in
                    state.writing = false
                    guard state.outbound.readableBytes <= highWater else { return [] }
                    defer { state.writeWaiters.removeAll() }
                    return state.writeWaiters
                }
                for waiter in waiters + later { waiter.resume() }
            }
        }
        if rearm {
            channel.eventLoop.scheduleTask(in: .microseconds(50)) { self.flushOutbound() }
        }
    }

    /// A flush at least this big means a high publish rate.
    static let rearmThreshold = 32 * 1024

    static func validate(subject: String) throws {
        guard !subject.isEmpty, subject.utf8.count <= 1024 else { throw NATSError.invalidSubject(subject) }
        func isClean(_ bytes: some Sequence<UInt8>) -> Bool {
            // Space, tab, CR and LF would split the protocol line; all are below 33.
            for byte in bytes where byte < 33 && (byte == 32 || byte == 9 || byte == 13 || byte == 10) { return false }
            return true
        }
        let clean = subject.utf8.withContiguousStorageIfAvailable { isClean($0) } ?? isClean(subject.utf8)
        if !clean { throw NATSError.invalidSubject(subject) }
    }
}

extension NATSClient: Service {
    /// Connects, then keeps the connection until graceful shutdown, then drains.
    public func run() async throws {
        try await connect()
        try? await gracefulShutdown()
        try? await drain()
        await close()
    }
}

extension ByteBuffer {
    @inlinable
    mutating func writeDecimal(_ value: Int) {
        if value < 10 {
            writeInteger(UInt8(48 + value))
            return
        }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var remaining = value
        var count = 0
        withUnsafeMutableBytes(of: &digits) { raw in
            while remaining > 0, count < 20 {
                raw[19 - count] = UInt8(48 + remaining % 10)
                remaining /= 10
                count += 1
            }
            writeBytes(UnsafeRawBufferPointer(rebasing: raw[(20 - count)...]))
        }
    }

    mutating func writeSubscribe(subject: String, queue: String?, sid: UInt64) {
        writeStaticString("SUB ")
        writeString(subject)
        if let queue {
            writeStaticString(" ")
            writeString(queue)
        }
        writeStaticString(" ")
        writeDecimal(Int(sid))
        writeStaticString("\r\n")
    }
}
