import Foundation
import HummingbirdWSClient
import Logging
import Synchronization

/// One Socket Mode WebSocket: waits for `hello`, hands each events_api
/// envelope's message over and then acknowledges the envelope (an envelope
/// not acknowledged within 3 s is sent again, so a message the bus did not
/// take comes back), and ends at Slack's `disconnect`.
struct SlackSocket: Sendable {
    let url: String
    let botUserID: String?
    let logger: Logger

    /// Runs until Slack asks to reconnect; returns its reason. Throws when the
    /// connection fails or closes without a `disconnect`.
    func run(_ handle: @escaping @Sendable (ReceivedChannelMessage) async throws -> Void) async throws -> String {
        let outcome = Mutex<(hello: Bool, disconnect: String?)>((false, nil))
        let configuration = WebSocketClientConfiguration(maxFrameSize: 1 << 20)
        let botUserID = self.botUserID
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        do {
            try await WebSocketClient.connect(url: url, configuration: configuration, logger: logger) { inbound, outbound, _ in
                for try await message in inbound.messages(maxSize: 1 << 20) {
                    guard case .text(let text) = message, let frame = try? decoder.decode(SlackSocketFrame.self, from: Data(text.utf8)) else {
                        continue
                    }
                    switch frame.type {
                    case "hello":
                        outcome.withLock { $0.hello = true }
                    case "disconnect":
                        outcome.withLock { $0.disconnect = frame.reason ?? "disconnect" }
                        return
                    default:
                        guard let envelope = frame.envelopeId else { continue }
                        if frame.type == "events_api", let received = SlackAdapter.received(frame.payload, botUserID: botUserID) {
                            try await handle(received)
                        }
                        // Other envelopes (slash commands, interactivity) are acknowledged and ignored.
                        let ack = try encoder.encode(SlackAcknowledgement(envelopeId: envelope))
                        try await outbound.writeTextMessage(String(decoding: ack, as: UTF8.self))
                    }
                }
            }
        } catch let error as ChannelError {
            throw error
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            throw ChannelError(code: "SlackSocketFailed", "the Socket Mode connection failed: \(error)")
        }
        let (hello, disconnect) = outcome.withLock { $0 }
        if let disconnect { return disconnect }
        throw ChannelError(
            code: "SlackSocketClosed",
            hello ? "Slack closed the Socket Mode connection without a disconnect message" : "Slack closed the Socket Mode connection before its hello")
    }
}
