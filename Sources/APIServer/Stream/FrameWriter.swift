import Foundation
import HummingbirdWebSocket

/// Sends frames of one WebSocket one message at a time: the event forwarder
/// and the command reader both write, and a message larger than a frame is
/// sent as several frames that must not interleave with another message's.
actor FrameWriter {
    private let outbound: WebSocketOutboundWriter
    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(outbound: WebSocketOutboundWriter) {
        self.outbound = outbound
    }

    func send(_ frame: some Encodable & Sendable) async throws {
        let text = String(decoding: try JSONResponse.encoder.encode(frame), as: UTF8.self)
        while busy {
            await withCheckedContinuation { waiting.append($0) }
        }
        busy = true
        defer {
            busy = false
            if !waiting.isEmpty { waiting.removeFirst().resume() }
        }
        try await outbound.writeTextMessage(text)
    }
}
