import EventBus
import Hummingbird
import SympoziumAPI

/// Which bus events a WebSocket client receives: `?topic=` (a pattern, `*`
/// one token, `>` the rest; default every topic), `?instance=`, `?run=` and
/// `?namespace=`, matched against the metadata every Sympozium event carries.
struct StreamFilter: Codable, Sendable, Hashable {
    var topic: String
    var instance: String?
    var run: String?
    var namespace: String?

    init(topic: String = ">", instance: String? = nil, run: String? = nil, namespace: String? = nil) {
        self.topic = topic
        self.instance = instance
        self.run = run
        self.namespace = namespace
    }

    /// The filter of a request; 400 for a value that cannot match anything.
    init(_ request: Request) throws {
        let topic = request.query("topic") ?? ">"
        guard TopicPattern.isValidPattern(topic) else {
            throw APIError.badRequest("topic \"\(topic.prefix(100))\" is not a topic pattern such as agent.run.> or agent.*.completed")
        }
        self.init(
            topic: topic, instance: try request.objectName("instance"), run: try request.objectName("run"),
            namespace: try request.explicitNamespace())
    }

    /// Whether a client with this filter receives `event`. An event without
    /// the metadata a filter asks for does not match it, except for the
    /// namespace, which events from before namespaces were recorded lack.
    func matches(_ event: BusEvent) -> Bool {
        if let instance, event.metadata[EventMetadata.instanceName] != instance { return false }
        if let run, event.metadata[EventMetadata.agentRunID] != run { return false }
        if let namespace, let eventNamespace = event.metadata[EventMetadata.namespace], eventNamespace != namespace { return false }
        return TopicPattern.matches(topic, topic: event.topic)
    }
}
