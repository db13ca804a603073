import EventBus

/// One messaging platform (Telegram, Slack, ...) as a channel pod speaks it.
/// `ChannelService` runs an adapter: it publishes what `receive` hands it on
/// channel.message.received and delivers channel.message.send through `send`.
public protocol ChannelAdapter: Sendable {
    /// The channel's type as SympoziumInstance spec.channels names it ("telegram").
    var channel: String { get }

    /// Checks the credentials with the platform; returns who the channel speaks as.
    func connect() async throws -> String

    /// Receives messages until cancelled, handing each to `handle`. A message
    /// counts as taken once `handle` returns; when it throws, the adapter
    /// gets the message again (the platform keeps it) and hands it over again.
    func receive(_ handle: @escaping @Sendable (ReceivedChannelMessage) async throws -> Void) async throws

    /// Delivers one message to the platform.
    func send(_ message: OutboundChannelMessage) async throws
}

/// A message from the platform, before it becomes an event.
public struct ReceivedChannelMessage: Sendable, Hashable {
    /// Unique per platform message, stable across redeliveries: the event's
    /// de-duplication ID.
    public var id: String
    public var senderId: String?
    public var senderName: String?
    public var chatId: String
    public var threadId: String?
    public var text: String
    public var metadata: [String: String]

    public init(
        id: String, senderId: String? = nil, senderName: String? = nil, chatId: String, threadId: String? = nil, text: String,
        metadata: [String: String] = [:]
    ) {
        self.id = id
        self.senderId = senderId
        self.senderName = senderName
        self.chatId = chatId
        self.threadId = threadId
        self.text = text
        self.metadata = metadata
    }
}
