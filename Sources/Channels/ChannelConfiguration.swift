/// What a channel pod is told by its Deployment's environment.
public struct ChannelConfiguration: Sendable {
    /// The SympoziumInstance the channel belongs to (INSTANCE_NAME).
    public var instanceName: String
    /// Its namespace (INSTANCE_NAMESPACE); nil lets the router look the instance up by name.
    public var instanceNamespace: String?
    /// NATS URLs, comma-separated (EVENT_BUS_URL).
    public var eventBusURL: String
    /// Delay before the first retry of a failed platform call; doubles up to `maximumRetryDelay`.
    public var retryDelay: Duration = .seconds(1)
    public var maximumRetryDelay: Duration = .seconds(30)
    /// Deliveries of one outbound message before it is given up.
    public var maxSendAttempts = 5

    public init(instanceName: String, instanceNamespace: String? = nil, eventBusURL: String) {
        self.instanceName = instanceName
        self.instanceNamespace = instanceNamespace
        self.eventBusURL = eventBusURL
    }

    /// Reads INSTANCE_NAME, INSTANCE_NAMESPACE and EVENT_BUS_URL.
    public static func fromEnvironment(_ environment: [String: String]) throws -> ChannelConfiguration {
        guard let instance = environment["INSTANCE_NAME"], !instance.isEmpty else {
            throw ChannelError.configuration("INSTANCE_NAME is not set: a channel pod serves one SympoziumInstance")
        }
        guard let url = environment["EVENT_BUS_URL"], !url.isEmpty else {
            throw ChannelError.configuration("EVENT_BUS_URL is not set: a channel reaches agents through NATS (nats://host:4222)")
        }
        let namespace = environment["INSTANCE_NAMESPACE"].flatMap { $0.isEmpty ? nil : $0 }
        return ChannelConfiguration(instanceName: instance, instanceNamespace: namespace, eventBusURL: url)
    }
}
