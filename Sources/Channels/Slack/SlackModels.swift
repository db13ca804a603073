/// The parts of Slack's Web API and Socket Mode messages a channel uses
/// (https://api.slack.com/apis/socket-mode), snake_case on the wire.

/// Every Web API answer: `ok`, and `error` when it is false.
struct SlackStatus: Decodable {
    var ok: Bool
    var error: String?
}

/// auth.test: who the bot token belongs to.
struct SlackAuthTest: Decodable {
    var user: String?
    var userId: String
    var botId: String?
}

/// apps.connections.open: a fresh Socket Mode WebSocket URL.
struct SlackConnection: Decodable {
    var url: String
}

/// chat.postMessage's answer.
struct SlackPosted: Decodable {
    var ts: String?
}

struct SlackPostMessage: Encodable {
    var channel: String
    var text: String
    var threadTs: String?
}

/// One Socket Mode frame: `hello`, `disconnect`, or an envelope to acknowledge.
struct SlackSocketFrame: Decodable {
    var type: String
    var envelopeId: String?
    var reason: String?
    var payload: Payload?

    /// An events_api payload: the Events API's outer event.
    struct Payload: Decodable {
        var eventId: String?
        var event: SlackEvent?
    }
}

/// A message or app_mention event.
struct SlackEvent: Decodable {
    var type: String
    var channel: String?
    var channelType: String?
    var user: String?
    var text: String?
    var ts: String?
    var threadTs: String?
    var botId: String?
    var subtype: String?
}

/// The acknowledgement of an envelope.
struct SlackAcknowledgement: Encodable {
    var envelopeId: String
}

struct SlackEmpty: Encodable {}
