import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSL

extension NATSClient {
    /// Connects to the first reachable server of the list. Later connection
    /// losses reconnect by themselves.
    public func connect() async throws {
        let servers = options.servers
        guard !servers.isEmpty else { throw NATSError.invalidOptions("no servers configured") }
        try state.withLock { state in
            guard state.status == .idle else { throw NATSError.invalidOptions("connect() called twice") }
            state.status = .connecting
        }
        var failures: [String] = []
        for (index, server) in servers.enumerated() {
            do {
                try await establish(server, index: index)
                options.eventHandler?(.connected(server))
                return
            } catch {
                failures.append("\(server): \(error)")
            }
        }
        state.withLock { $0.status = .closed }
        throw NATSError.noServers(failures.joined(separator: "; "))
    }

    /// Opens one connection and performs INFO / (TLS) / CONNECT / PING-PONG;
    /// on success installs it, resubscribes and flushes buffered commands.
    func establish(_ server: NATSServerAddress, index: Int) async throws {
        let loop = eventLoop
        let generation = state.withLock { state -> UInt64 in
            state.generation += 1
            return state.generation
        }
        let handler = NATSConnectionHandler(client: self, generation: generation, eventLoop: loop)
        let channel: any Channel
        do {
            channel = try await bootstrap(loop: loop, handler: handler).connect(host: server.host, port: server.port).get()
        } catch {
            handler.infoPromise.fail(error)
            handler.handshakePromise.fail(error)
            throw error
        }
        let timeout = loop.scheduleTask(in: options.connectTimeout.timeAmount) {
            handler.infoPromise.fail(NATSError.timeout)
            handler.handshakePromise.fail(NATSError.timeout)
            channel.close(promise: nil)
        }
        defer { timeout.cancel() }
        let info: NATSServerInfo
        do {
            info = try await handler.infoPromise.futureResult.get()
            if server.requiresTLS || info.tlsRequired == true || options.tls != nil {
                let configuration = options.tls ?? TLSConfiguration.makeClientConfiguration()
                let context = try NIOSSLContext(configuration: configuration)
                let hostname = Self.isIPAddress(server.host) ? nil : server.host
                try await channel.eventLoop.submit {
                    let tlsHandler = try NIOSSLClientHandler(context: context, serverHostname: hostname)
                    try channel.pipeline.syncOperations.addHandler(tlsHandler, position: .first)
                }.get()
            }
            var connect = ByteBuffer(string: "CONNECT ")
            connect.writeBytes(try makeConnectRequest(info: info, server: server))
            connect.writeStaticString("\r\nPING\r\n")
            try await loop.submit { handler.expectHandshakePong() }.get()
            try await channel.writeAndFlush(connect).get()
            try await handler.handshakePromise.futureResult.get()
        } catch {
            channel.close(promise: nil)
            throw error
        }
        let flushLoop: (any EventLoop)? = try state.withLock { state in
            guard state.status != .closed, state.generation == generation else {
                channel.close(promise: nil)
                throw NATSError.connectionClosed
            }
            state.channel = channel
            state.server = server
            state.serverIndex = index
            state.serverInfo = info
            state.maxPayload = info.maxPayload ?? state.maxPayload
            state.pingsOutstanding = 0
            state.status = .connected
            if state.sweeper == nil {
                let client = self
                state.sweeper = loop.scheduleRepeatedTask(initialDelay: .milliseconds(50), delay: .milliseconds(50)) { _ in
                    client.expireResponders()
                }
            }
            var replay = ByteBuffer()
            for sid in state.subscriptions.keys.sorted() {
                guard let record = state.subscriptions[sid] else { continue }
                replay.writeSubscribe(subject: record.subject, queue: record.queue, sid: sid)
            }
            replay.writeBuffer(&state.outbound)
            state.outbound = replay
            state.flushScheduled = false
            return state.outbound.readableBytes > 0 ? state.scheduleFlush() : nil
        }
        if let flushLoop { flushLoop.execute { self.flushOutbound() } }
        if !channel.isActive {
            // Closed between the handshake and the installation above.
            connectionLost(generation: generation, reason: "connection closed during handshake")
        }
        logger.debug("NATS connected", metadata: ["nats.server": "\(server)"])
    }

    private func bootstrap(loop: any EventLoop, handler: NATSConnectionHandler) -> ClientBootstrap {
        ClientBootstrap(group: loop)
            .connectTimeout(options.connectTimeout.timeAmount)
            // TCP_NODELAY at the TCP level (socketOption would set SO_DEBUG at SOL_SOCKET,
            // which needs CAP_NET_ADMIN and fails in a sandbox).
            .channelOption(ChannelOptions.tcpOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(NATSFrameDecoder()))
                    try channel.pipeline.syncOperations.addHandler(handler)
                }
            }
    }

    private func makeConnectRequest(info: NATSServerInfo, server: NATSServerAddress) throws -> Data {
        var request = NATSConnectRequest(tlsRequired: server.requiresTLS || info.tlsRequired == true)
        request.name = options.name
        switch options.auth {
        case .none:
            if let user = server.user {
                if let password = server.password {
                    request.user = user
                    request.pass = password
                } else {
                    request.authToken = user
                }
            }
        case .token(let token):
            request.authToken = token
        case .userPassword(let user, let password):
            request.user = user
            request.pass = password
        case .nkeySeed(let seed):
            let key = try NKey(seed: seed)
            request.nkey = key.publicKey
            if let nonce = info.nonce {
                request.sig = try key.sign(Array(nonce.utf8)).base64URLEncodedString()
            }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return try encoder.encode(request)
    }

    static func isIPAddress(_ host: String) -> Bool {
        (try? SocketAddress(ipAddress: host, port: 0)) != nil
    }

    // MARK: Frames from the connection handler (on the event loop)

    func handle(_ frame: NATSServerFrame, generation: UInt64) {
        switch frame {
        case .message(let message):
            deliver(message)
        case .pong:
            let waiter = state.withLock { state -> EventLoopPromise<Void>? in
                state.pingsOutstanding = 0
                guard !state.pongWaiters.isEmpty else { return nil }
                return state.pongWaiters.removeFirst()
            }
            waiter?.succeed(())
        case .info(let info):
            state.withLock { state in
                if state.generation == generation { state.serverInfo = info }
            }
        case .error(let text):
            logger.warning("NATS server error", metadata: ["error": "\(text)"])
            options.eventHandler?(.serverError(text))
        case .ok, .ping:
            break
        }
    }

    private func deliver(_ message: NATSMessage) {
        enum Target { case none, subscription(AsyncQueue<NATSMessage>, String), responder(NATSReply) }
        let target: Target = state.withLock { state in
            if message.sid == state.muxSID {
                guard let dot = message.subject.utf8.lastIndex(of: UInt8(ascii: ".")),
                      let token = UInt64(message.subject[message.subject.index(after: dot)...]),
                      let responder = state.responders.removeValue(forKey: token)
                else { return .none }
                return .responder(responder.reply)
            }
            guard let record = state.subscriptions[message.sid] else { return .none }
            return .subscription(record.messages, record.subject)
        }
        switch target {
        case .none:
            break
        case .responder(let reply):
            reply.complete(.success(message))
        case .subscription(let queue, let subject):
            if queue.push(message) == .dropped { reportDrop(sid: message.sid, subject: subject) }
        }
    }

    private func reportDrop(sid: UInt64, subject: String) {
        let dropped = state.withLock { state -> Int in
            state.subscriptions[sid]?.dropped += 1
            return state.subscriptions[sid]?.dropped ?? 0
        }
        // Report the first drop and then every 1,000th, not every message.
        if dropped == 1 || dropped % 1000 == 0 {
            logger.warning("NATS slow consumer: dropping messages", metadata: [
                "nats.subject": "\(subject)", "nats.dropped": "\(dropped)",
            ])
            options.eventHandler?(.slowConsumer(subject: subject, dropped: dropped))
        }
    }

    /// Fails requests and ends pull streams whose time is up.
    func expireResponders() {
        let now = NIODeadline.now()
        let (expired, temporary): ([NATSReply], [UInt64]) = state.withLock { state in
            var expired: [NATSReply] = []
            for (token, responder) in state.responders where responder.deadline <= now {
                expired.append(responder.reply)
                state.responders[token] = nil
            }
            let temporary = state.subscriptions.compactMap { sid, record in
                record.deadline.map { $0 <= now } == true ? sid : nil
            }
            return (expired, temporary)
        }
        for sid in temporary { unsubscribe(sid: sid) }
        for reply in expired { reply.complete(.failure(NATSError.timeout)) }
    }

    func sendKeepAlivePing(generation: UInt64) {
        let (stale, loop): ((any Channel)?, (any EventLoop)?) = state.withLock { state in
            guard state.generation == generation, state.status == .connected, let channel = state.channel else {
                return (nil, nil)
            }
            if state.pingsOutstanding >= options.maxPingsOutstanding { return (channel, nil) }
            state.pingsOutstanding += 1
            state.pongWaiters.append(nil)
            state.outbound.writeStaticString("PING\r\n")
            return (nil, state.scheduleFlush())
        }
        if let stale {
            logger.warning("NATS server stopped answering pings; reconnecting")
            stale.close(promise: nil)
        }
        loop?.execute { self.flushOutbound() }
    }

    // MARK: Reconnection

    func connectionLost(generation: UInt64, reason: String) {
        let lost: ([EventLoopPromise<Void>?], [CheckedContinuation<Void, any Error>])? = state.withLock { state in
            guard state.generation == generation, state.channel != nil,
                  state.status == .connected || state.status == .draining
            else { return nil }
            state.channel = nil
            state.status = .reconnecting
            state.flushScheduled = false
            state.writing = false
            let pongs = state.pongWaiters
            let waiters = state.writeWaiters
            state.pongWaiters.removeAll()
            state.writeWaiters.removeAll()
            state.reconnectTask = Task { await self.reconnectLoop() }
            return (pongs, waiters)
        }
        guard let (pongs, waiters) = lost else { return }
        logger.warning("NATS disconnected; reconnecting", metadata: ["reason": "\(reason)"])
        options.eventHandler?(.disconnected(reason: reason))
        for pong in pongs { pong?.fail(NATSError.notConnected) }
        for waiter in waiters { waiter.resume() }
    }

    private func reconnectLoop() async {
        let servers = options.servers
        var attempt = 0
        var pass = 0
        let start = state.withLock { $0.serverIndex + 1 }
        while !Task.isCancelled {
            for offset in 0..<servers.count {
                if Task.isCancelled { return }
                let index = (start + offset) % servers.count
                attempt += 1
                if options.maxReconnectAttempts >= 0, attempt > options.maxReconnectAttempts {
                    logger.error("NATS reconnect attempts exhausted; closing")
                    await close()
                    return
                }
                do {
                    try await establish(servers[index], index: index)
                    logger.info("NATS reconnected", metadata: ["nats.server": "\(servers[index])"])
                    options.eventHandler?(.reconnected(servers[index]))
                    return
                } catch {
                    if state.withLock({ $0.status == .closed }) { return }
                    logger.debug("NATS reconnect failed", metadata: ["nats.server": "\(servers[index])", "error": "\(error)"])
                }
            }
            pass += 1
            do {
                try await Task.sleep(for: backoff(pass: pass))
            } catch {
                return
            }
        }
    }

    /// Exponential backoff per pass over the server list, capped, plus jitter.
    func backoff(pass: Int) -> Duration {
        let base = options.reconnectWait.nanoseconds
        let cap = options.maxReconnectWait.nanoseconds
        let exponent = min(pass - 1, 16)
        let wait = min(cap, base.multipliedReportingOverflow(by: Int64(1) << exponent).partialValue)
        let jitterMax = max(options.reconnectJitter.nanoseconds, 0)
        let jitter = jitterMax > 0 ? Int64.random(in: 0...jitterMax) : 0
        return .nanoseconds(max(wait, 0) + jitter)
    }
}
