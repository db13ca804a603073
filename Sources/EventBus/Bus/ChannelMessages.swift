import Foundation

/// channel.message.received: a message a channel pod received (the original's InboundMessage).
public struct InboundChannelMessage: Codable, Sendable, Hashable {
    public var channel: String
    public var instanceName: String
    public var senderId: String?
    public var senderName: String?
    public var chatId: String?
    public var threadId: String?
    public var text: String
    public var metadata: [String: String]?

    public init(
        channel: String, instanceName: String, senderId: String? = nil, senderName: String? = nil, chatId: String? = nil,
        threadId: String? = nil, text: String, metadata: [String: String]? = nil
    ) {
        self.channel = channel
        self.instanceName = instanceName
        self.senderId = senderId
        self.senderName = senderName
        self.chatId = chatId
        self.threadId = threadId
        self.text = text
        self.metadata = metadata
    }
}

/// channel.message.send: a message for a channel pod to deliver (the original's OutboundMessage).
public struct OutboundChannelMessage: Codable, Sendable, Hashable {
    public var channel: String
    public var chatId: String
    public var threadId: String?
    public var text: String
    public var format: String?
    public var replyTo: String?

    public init(channel: String, chatId: String, threadId: String? = nil, text: String, format: String? = nil, replyTo: String? = nil) {
        self.channel = channel
        self.chatId = chatId
        self.threadId = threadId
        self.text = text
        self.format = format
        self.replyTo = replyTo
    }
}

/// channel.health.update: whether a channel pod reaches its platform.
public struct ChannelHealth: Codable, Sendable, Hashable {
    public enum Status: String, Codable, Sendable { case healthy, unhealthy }

    public var channel: String
    public var instanceName: String
    public var status: Status
    /// Who the channel speaks as (a bot's username), when known.
    public var identity: String?
    public var message: String?

    public init(channel: String, instanceName: String, status: Status, identity: String? = nil, message: String? = nil) {
        self.channel = channel
        self.instanceName = instanceName
        self.status = status
        self.identity = identity
        self.message = message
    }
}

/// Event metadata keys shared by the controllers, the IPC bridge and channel pods.
public enum EventMetadata {
    public static let agentRunID = "agentRunID"
    public static let instanceName = "instanceName"
    public static let namespace = "namespace"
    public static let channel = "channel"
    public static let parentRunID = "parentRunID"
    public static let spawnRequestID = "spawnRequestID"
}
