/// core/v1 Event.
public struct Event: KubernetesResource {
    public static let group = ""
    public static let version = "v1"
    public static let kind = "Event"
    public static let plural = "events"
    public static let scope = ResourceScope.namespaced

    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    /// The object this event is about.
    public var involvedObject: ObjectReference
    /// Short, machine-understandable, UpperCamelCase ("BackOff", "Scheduled").
    public var reason: String?
    public var message: String?
    public var source: EventSource?
    public var firstTimestamp: Time?
    public var lastTimestamp: Time?
    public var count: Int32?
    public var type: EventType?
    public var eventTime: MicroTime?
    public var series: EventSeries?
    public var action: String?
    public var related: ObjectReference?
    public var reportingComponent: String?
    public var reportingInstance: String?

    public init(
        metadata: ObjectMeta = ObjectMeta(), involvedObject: ObjectReference = ObjectReference(),
        reason: String? = nil, message: String? = nil, source: EventSource? = nil, firstTimestamp: Time? = nil,
        lastTimestamp: Time? = nil, count: Int32? = nil, type: EventType? = nil, eventTime: MicroTime? = nil,
        series: EventSeries? = nil, action: String? = nil, related: ObjectReference? = nil,
        reportingComponent: String? = nil, reportingInstance: String? = nil
    ) {
        self.apiVersion = Self.apiVersion
        self.kind = Self.kind
        self.metadata = metadata
        self.involvedObject = involvedObject
        self.reason = reason
        self.message = message
        self.source = source
        self.firstTimestamp = firstTimestamp
        self.lastTimestamp = lastTimestamp
        self.count = count
        self.type = type
        self.eventTime = eventTime
        self.series = series
        self.action = action
        self.related = related
        self.reportingComponent = reportingComponent
        self.reportingInstance = reportingInstance
    }
}

/// "Normal" or "Warning".
public struct EventType: OpenEnum {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let normal: EventType = "Normal"
    public static let warning: EventType = "Warning"
    public static let knownValues: [EventType] = [.normal, .warning]
}

/// core/v1 EventSource.
public struct EventSource: Codable, Hashable, Sendable {
    public var component: String?
    public var host: String?

    public init(component: String? = nil, host: String? = nil) {
        self.component = component
        self.host = host
    }
}

/// core/v1 EventSeries: a run of repeated occurrences.
public struct EventSeries: Codable, Hashable, Sendable {
    public var count: Int32?
    public var lastObservedTime: MicroTime?

    public init(count: Int32? = nil, lastObservedTime: MicroTime? = nil) {
        self.count = count
        self.lastObservedTime = lastObservedTime
    }
}
