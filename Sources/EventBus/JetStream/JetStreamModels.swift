/// A duration as JetStream encodes it: integer nanoseconds.
public struct JSDuration: Codable, Sendable, Hashable {
    public var nanoseconds: Int64

    public init(_ duration: Duration) { nanoseconds = duration.nanoseconds }
    public init(nanoseconds: Int64) { self.nanoseconds = nanoseconds }

    public var duration: Duration { .nanoseconds(nanoseconds) }

    public static func seconds(_ value: Int64) -> JSDuration { JSDuration(nanoseconds: value * 1_000_000_000) }
    public static func milliseconds(_ value: Int64) -> JSDuration { JSDuration(nanoseconds: value * 1_000_000) }

    public init(from decoder: any Decoder) throws {
        nanoseconds = try decoder.singleValueContainer().decode(Int64.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(nanoseconds)
    }
}

/// A stream's configuration (`$JS.API.STREAM.CREATE`). Unset fields take the server's defaults.
public struct StreamConfig: Codable, Sendable, Equatable {
    public enum Storage: String, Codable, Sendable { case file, memory }
    public enum Retention: String, Codable, Sendable { case limits, interest, workqueue }
    public enum Discard: String, Codable, Sendable { case old, new }

    public var name: String
    public var subjects: [String]?
    public var retention: Retention?
    public var maxConsumers: Int?
    public var maxMsgs: Int64?
    public var maxBytes: Int64?
    public var maxAge: JSDuration?
    public var maxMsgSize: Int32?
    public var storage: Storage?
    public var numReplicas: Int?
    public var duplicateWindow: JSDuration?
    public var discard: Discard?

    public init(name: String, subjects: [String]? = nil, storage: Storage? = .file, maxAge: Duration? = nil) {
        self.name = name
        self.subjects = subjects
        self.storage = storage
        self.maxAge = maxAge.map(JSDuration.init)
    }

    enum CodingKeys: String, CodingKey {
        case name, subjects, retention, storage, discard
        case maxConsumers = "max_consumers", maxMsgs = "max_msgs", maxBytes = "max_bytes", maxAge = "max_age"
        case maxMsgSize = "max_msg_size", numReplicas = "num_replicas", duplicateWindow = "duplicate_window"
    }
}

public struct StreamState: Codable, Sendable, Equatable {
    public var messages: UInt64
    public var bytes: UInt64
    public var firstSeq: UInt64
    public var lastSeq: UInt64
    public var consumerCount: Int

    enum CodingKeys: String, CodingKey {
        case messages, bytes, firstSeq = "first_seq", lastSeq = "last_seq", consumerCount = "consumer_count"
    }
}

public struct StreamInfo: Codable, Sendable {
    public var config: StreamConfig
    public var state: StreamState
    public var created: String?
}

/// A consumer's configuration. Pull consumers leave `deliverSubject` unset.
public struct ConsumerConfig: Codable, Sendable, Equatable {
    public enum DeliverPolicy: String, Codable, Sendable {
        case all, last, new
        case byStartSequence = "by_start_sequence"
        case lastPerSubject = "last_per_subject"
    }
    public enum AckPolicy: String, Codable, Sendable { case explicit, all, none }

    public var durableName: String?
    public var name: String?
    public var deliverPolicy: DeliverPolicy?
    public var optStartSeq: UInt64?
    public var ackPolicy: AckPolicy?
    public var ackWait: JSDuration?
    public var maxDeliver: Int?
    public var filterSubject: String?
    public var maxWaiting: Int?
    public var maxAckPending: Int?
    public var inactiveThreshold: JSDuration?
    public var backoff: [JSDuration]?

    public init(durableName: String? = nil, filterSubject: String? = nil, deliverPolicy: DeliverPolicy? = .all,
                ackPolicy: AckPolicy? = .explicit, ackWait: Duration? = nil, maxDeliver: Int? = nil) {
        self.durableName = durableName
        self.filterSubject = filterSubject
        self.deliverPolicy = deliverPolicy
        self.ackPolicy = ackPolicy
        self.ackWait = ackWait.map(JSDuration.init)
        self.maxDeliver = maxDeliver
    }

    enum CodingKeys: String, CodingKey {
        case durableName = "durable_name", name, deliverPolicy = "deliver_policy", optStartSeq = "opt_start_seq"
        case ackPolicy = "ack_policy", ackWait = "ack_wait", maxDeliver = "max_deliver", filterSubject = "filter_subject"
        case maxWaiting = "max_waiting", maxAckPending = "max_ack_pending", inactiveThreshold = "inactive_threshold"
        case backoff
    }
}

public struct SequenceInfo: Codable, Sendable, Equatable {
    public var consumerSeq: UInt64
    public var streamSeq: UInt64

    enum CodingKeys: String, CodingKey { case consumerSeq = "consumer_seq", streamSeq = "stream_seq" }
}

public struct ConsumerInfo: Codable, Sendable {
    public var streamName: String
    public var name: String
    public var config: ConsumerConfig
    public var delivered: SequenceInfo
    public var ackFloor: SequenceInfo
    public var numAckPending: Int
    public var numRedelivered: Int
    public var numWaiting: Int
    public var numPending: UInt64

    enum CodingKeys: String, CodingKey {
        case streamName = "stream_name", name, config, delivered, ackFloor = "ack_floor"
        case numAckPending = "num_ack_pending", numRedelivered = "num_redelivered", numWaiting = "num_waiting"
        case numPending = "num_pending"
    }
}

/// The server's answer to a JetStream publish.
public struct PubAck: Codable, Sendable, Equatable {
    public var stream: String
    public var seq: UInt64
    public var duplicate: Bool?
    public var domain: String?

    public var isDuplicate: Bool { duplicate ?? false }
}

/// An error answer of the JetStream API.
public struct JetStreamAPIError: Error, Codable, Sendable, Equatable, CustomStringConvertible {
    public var code: Int
    public var errCode: Int?
    public var errorDescription: String?

    enum CodingKeys: String, CodingKey { case code, errCode = "err_code", errorDescription = "description" }

    public var description: String {
        "JetStream API error \(code)/\(errCode ?? 0): \(errorDescription ?? "unknown")"
    }

    public static let streamNotFound = 10059
    public static let consumerNotFound = 10014
}

struct APIErrorEnvelope: Decodable {
    var error: JetStreamAPIError?
}

struct StreamDeleteResponse: Decodable {
    var success: Bool?
}

struct CreateConsumerRequest: Encodable {
    var streamName: String
    var config: ConsumerConfig

    enum CodingKeys: String, CodingKey { case streamName = "stream_name", config }
}

struct PullRequest: Encodable {
    var batch: Int
    var expires: Int64?
    var noWait: Bool?

    enum CodingKeys: String, CodingKey { case batch, expires, noWait = "no_wait" }
}
