import NIOCore

/// Sits after the frame decoder: completes the handshake promises, answers
/// PING, sends keep-alive pings and hands every other frame to the client.
final class NATSConnectionHandler: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = NATSServerFrame
    typealias OutboundOut = ByteBuffer

    private enum Phase { case awaitingInfo, awaitingPong, ready }

    // Only touched on the channel's event loop.
    private var phase = Phase.awaitingInfo
    private let client: NATSClient
    let generation: UInt64
    let infoPromise: EventLoopPromise<NATSServerInfo>
    let handshakePromise: EventLoopPromise<Void>
    private var keepAlive: RepeatedTask?

    init(client: NATSClient, generation: UInt64, eventLoop: any EventLoop) {
        self.client = client
        self.generation = generation
        self.infoPromise = eventLoop.makePromise(of: NATSServerInfo.self)
        self.handshakePromise = eventLoop.makePromise(of: Void.self)
    }

    /// Called (on the event loop) once the CONNECT has been written.
    func expectHandshakePong() {
        phase = .awaitingPong
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let frame = unwrapInboundIn(data)
        switch (phase, frame) {
        case (_, .ping):
            context.writeAndFlush(wrapOutboundOut(ByteBuffer(staticString: "PONG\r\n")), promise: nil)
        case (.awaitingInfo, .info(let info)):
            infoPromise.succeed(info)
        case (.awaitingPong, .pong):
            phase = .ready
            startKeepAlive(context: context)
            handshakePromise.succeed(())
        case (.awaitingInfo, .error(let text)), (.awaitingPong, .error(let text)):
            infoPromise.fail(NATSError.server(text))
            handshakePromise.fail(NATSError.server(text))
            context.close(promise: nil)
        case (.ready, _):
            client.handle(frame, generation: generation)
        default:
            break
        }
    }

    private func startKeepAlive(context: ChannelHandlerContext) {
        let interval = client.options.pingInterval.timeAmount
        let client = self.client
        let generation = self.generation
        keepAlive = context.eventLoop.scheduleRepeatedTask(initialDelay: interval, delay: interval) { _ in
            client.sendKeepAlivePing(generation: generation)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        keepAlive?.cancel()
        keepAlive = nil
        infoPromise.fail(NATSError.connectionClosed)
        handshakePromise.fail(NATSError.connectionClosed)
        client.connectionLost(generation: generation, reason: "connection closed")
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        client.logger.debug("NATS connection error", metadata: ["error": "\(error)"])
        infoPromise.fail(error)
        handshakePromise.fail(error)
        context.close(promise: nil)
    }
}
