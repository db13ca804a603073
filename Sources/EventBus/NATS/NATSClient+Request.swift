import NIOCore

extension NATSClient {
    /// Sends a request and waits for the first reply, over this client's one
    /// shared inbox subscription.
    public nonisolated(nonsending) func request(_ subject: String, payload: ByteBuffer = ByteBuffer(), headers: NATSHeaders? = nil,
                        timeout: Duration? = nil) async throws -> NATSMessage {
        try await requestAsync(subject, payload: payload, headers: headers, timeout: timeout).message()
    }

    public nonisolated(nonsending) func request(_ subject: String, string: String, headers: NATSHeaders? = nil, timeout: Duration? = nil) async throws -> NATSMessage {
        try await request(subject, payload: ByteBuffer(string: string), headers: headers, timeout: timeout)
    }

    /// Publishes a request and returns its pending reply, so callers can keep
    /// many requests in flight.
    public nonisolated(nonsending) func requestAsync(_ subject: String, payload: ByteBuffer, headers: NATSHeaders? = nil,
                             timeout: Duration? = nil) async throws -> NATSReply {
        try ensureMuxSubscription()
        let deadline = NIODeadline.now() + (timeout ?? options.requestTimeout).timeAmount
        let reply = NATSReply()
        let token = state.withLock { state -> UInt64 in
            state.nextToken += 1
            state.responders[state.nextToken] = Responder(reply: reply, deadline: deadline)
            return state.nextToken
        }
        do {
            try await publish(subject, payload: payload, headers: headers, reply: .inbox(prefix: muxPrefix, token: token))
        } catch {
            removeResponder(token)
            reply.complete(.failure(error))
            throw error
        }
        return reply
    }

    /// A subscription on a fresh inbox that ends by itself after `timeout`
    /// (JetStream pull requests: their messages keep their own subjects, so
    /// they cannot share the request inbox).
    func temporaryInbox(timeout: Duration) throws -> NATSSubscription {
        let subscription = try subscribe(newInbox())
        let deadline = NIODeadline.now() + timeout.timeAmount
        state.withLock { $0.subscriptions[subscription.sid]?.deadline = deadline }
        return subscription
    }

    private func removeResponder(_ token: UInt64) {
        _ = state.withLock { $0.responders.removeValue(forKey: token) }
    }

    private func ensureMuxSubscription() throws {
        let subject = "\(muxPrefix).*"
        let loop: (any EventLoop)? = try state.withLock { state in
            guard state.muxSID == nil else { return nil }
            guard state.status != .closed, state.status != .idle else {
                throw state.status == .closed ? NATSError.connectionClosed : NATSError.notConnected
            }
            let sid = state.nextSID
            state.nextSID += 1
            state.muxSID = sid
            state.subscriptions[sid] = SubscriptionRecord(subject: subject, queue: nil, messages: AsyncQueue(limit: 0))
            guard state.status == .connected || state.status == .draining else { return nil }
            state.outbound.writeSubscribe(subject: subject, queue: nil, sid: sid)
            return state.scheduleFlush()
        }
        loop?.execute { self.flushOutbound() }
    }
}
