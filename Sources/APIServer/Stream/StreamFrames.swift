import EventBus
import KubeModel

/// The frames of /ws/stream, all JSON text frames with a `type`.
///
/// Server to client: `subscribed` (once, when events start flowing),
/// `event`, `run.created` (the answer to a `run` frame) and `error`.
/// Client to server: `run` (`{"type": "run", "instance", "task", "model"?,
/// "provider"?, "baseURL"?, "namespace"?, "id"?}`). An `id` a client sends is
/// echoed in the answer.
enum StreamFrame {
    struct Subscribed: Encodable, Sendable {
        var type = "subscribed"
        var filter: StreamFilter
    }

    struct Event: Encodable, Sendable {
        var type = "event"
        var topic: String
        var timestamp: MicroTime
        var metadata: [String: String]
        var payload: JSONValue

        init(_ event: BusEvent) {
            topic = event.topic
            timestamp = MicroTime(event.timestamp)
            metadata = event.metadata
            payload = event.data
        }
    }

    struct RunCreated: Encodable, Sendable {
        var type = "run.created"
        var id: String?
        var name: String
        var namespace: String
        var instance: String
    }

    struct Error: Encodable, Sendable {
        var type = "error"
        var id: String?
        var code: String
        var message: String

        init(id: String? = nil, _ error: APIError) {
            self.id = id
            self.code = error.code
            self.message = error.message
        }

        init(id: String? = nil, code: String, _ message: String) {
            self.id = id
            self.code = code
            self.message = message
        }
    }

    /// Codes of frame-level errors.
    enum Code {
        static let badFrame = "BadFrame"
        static let unknownFrameType = "UnknownFrameType"
        static let streamEnded = "StreamEnded"
    }
}
