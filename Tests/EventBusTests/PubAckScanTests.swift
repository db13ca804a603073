@testable import EventBus
import NIOCore
import Testing

/// The publish acknowledgement fast path: it must accept what nats-server
/// really sends (a space after each comma) and leave anything unusual to
/// the JSON decoder.
struct PubAckScanTests {
    static func scan(_ text: String) -> PubAck? {
        JetStream.scanPubAck(ByteBuffer(string: text).readableBytesView)
    }

    @Test(arguments: [
        (#"{"stream":"FLOOR", "seq":125001}"#, "FLOOR", UInt64(125_001), false),
        (#"{"stream":"S","seq":7}"#, "S", UInt64(7), false),
        (#"{"stream":"S", "seq":8, "duplicate":true}"#, "S", UInt64(8), true),
        (#"{ "stream" : "S" , "seq" : 9 }"#, "S", UInt64(9), false),
    ])
    func scansServerAcknowledgements(text: String, stream: String, sequence: UInt64, duplicate: Bool) throws {
        let ack = try #require(Self.scan(text))
        #expect(ack.stream == stream && ack.seq == sequence && (ack.duplicate ?? false) == duplicate)
    }

    @Test(arguments: [
        #"{"error":{"code":503,"description":"no responders"}}"#,
        #"{"stream":"S", "seq":1, "domain":"hub"}"#,
        #"{"stream":"S\"x", "seq":1}"#,
        #"{"stream":"S", "seq":}"#,
        #"{"stream":"S", "seq":99999999999999999999999}"#,
        "not json",
    ])
    func leavesTheRestToTheDecoder(text: String) {
        #expect(Self.scan(text) == nil)
    }

    @Test func decodesDomainAcknowledgementsThroughTheDecoder() throws {
        let message = NATSMessage(subject: "_INBOX.x", payload: ByteBuffer(string: #"{"stream":"S", "seq":3, "domain":"hub"}"#))
        let ack = try JetStream.decodePubAck(message)
        #expect(ack.stream == "S" && ack.seq == 3 && ack.domain == "hub")
    }
}
