import Foundation
import KubeModel

/// The envelope every event travels in, as in the original (timestamps travel
/// with microsecond precision, so equality allows that much difference):
/// `{"topic", "timestamp", "metadata", "data"}`.
public struct BusEvent: Codable, Sendable, Equatable {
    public var topic: String
    public var timestamp: Date
    public var metadata: [String: String]
    public var data: JSONValue

    public init(topic: String, timestamp: Date = Date(), metadata: [String: String] = [:], data: JSONValue = .null) {
        self.topic = topic
        self.timestamp = timestamp
        self.metadata = metadata
        self.data = data
    }

    /// An event whose data is `payload` encoded as JSON.
    public init(topic: String, metadata: [String: String] = [:], payload: some Encodable) throws {
        self.init(topic: topic, metadata: metadata, data: try JSONValue(encoding: payload))
    }

    /// The data decoded as `type`.
    public func decodeData<T: Decodable>(as type: T.Type = T.self) throws -> T {
        try data.decode(as: type)
    }

    enum CodingKeys: String, CodingKey { case topic, timestamp, metadata, data }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        topic = try container.decode(String.self, forKey: .topic)
        timestamp = try container.decodeIfPresent(MicroTime.self, forKey: .timestamp)?.date ?? Date(timeIntervalSince1970: 0)
        metadata = try container.decodeIfPresent([String: String].self, forKey: .metadata) ?? [:]
        data = try container.decodeIfPresent(JSONValue.self, forKey: .data) ?? .null
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(topic, forKey: .topic)
        try container.encode(MicroTime(timestamp), forKey: .timestamp)
        try container.encode(metadata, forKey: .metadata)
        try container.encode(data, forKey: .data)
    }

    /// JSON bytes of the envelope.
    public func encoded() throws -> Data {
        try JSONEncoder().encode(self)
    }

    public static func decode(from bytes: some Collection<UInt8>) throws -> BusEvent {
        do {
            return try JSONDecoder().decode(BusEvent.self, from: Data(bytes))
        } catch {
            throw EventBusError(code: "malformedEvent", message: "the event is not a valid envelope: \(error)")
        }
    }

    public static func == (lhs: BusEvent, rhs: BusEvent) -> Bool {
        lhs.topic == rhs.topic && lhs.metadata == rhs.metadata && lhs.data == rhs.data
            && abs(lhs.timestamp.timeIntervalSince(rhs.timestamp)) < 0.000_002
    }
}

/// The topics Sympozium components exchange (the original's set).
public enum EventTopic {
    public static let agentRunRequested = "agent.run.requested"
    public static let agentRunStarted = "agent.run.started"
    public static let agentRunCompleted = "agent.run.completed"
    public static let agentRunFailed = "agent.run.failed"
    public static let agentStreamChunk = "agent.stream.chunk"
    public static let agentStatusUpdate = "agent.status.update"
    public static let agentSpawnRequest = "agent.spawn.request"
    public static let channelMessageReceived = "channel.message.received"
    public static let channelMessageSend = "channel.message.send"
    public static let channelHealthUpdate = "channel.health.update"
    public static let toolExecRequest = "tool.exec.request"
    public static let toolExecResult = "tool.exec.result"
    public static let toolApprovalRequest = "tool.approval.request"
    public static let toolApprovalResponse = "tool.approval.response"
    public static let scheduleUpsert = "schedule.upsert"

    public static let all = [
        agentRunRequested, agentRunStarted, agentRunCompleted, agentRunFailed, agentStreamChunk, agentStatusUpdate,
        agentSpawnRequest, channelMessageReceived, channelMessageSend, channelHealthUpdate, toolExecRequest,
        toolExecResult, toolApprovalRequest, toolApprovalResponse, scheduleUpsert,
    ]
}

/// An event bus error with a stable code.
public struct EventBusError: Error, Sendable, Equatable, CustomStringConvertible {
    public var code: String
    public var message: String

    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "EventBusError(\(code)): \(message)" }

    static func invalidTopic(_ topic: String) -> EventBusError {
        EventBusError(code: "invalidTopic", message: "invalid topic \"\(topic.prefix(200))\"")
    }
    static let closed = EventBusError(code: "closed", message: "the event bus is closed")
}
