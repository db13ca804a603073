/// core/v1 PodStatus.
public struct PodStatus: Codable, Hashable, Sendable {
    public var phase: PodPhase?
    @OmitEmpty public var conditions: [PodCondition] = []
    public var message: String?
    public var reason: String?
    public var nominatedNodeName: String?
    public var hostIP: String?
    @OmitEmpty public var hostIPs: [HostIP] = []
    public var podIP: String?
    @OmitEmpty public var podIPs: [PodIP] = []
    public var startTime: Time?
    @OmitEmpty public var initContainerStatuses: [ContainerStatus] = []
    @OmitEmpty public var containerStatuses: [ContainerStatus] = []
    /// "Guaranteed", "Burstable" or "BestEffort".
    public var qosClass: String?

    public init(
        phase: PodPhase? = nil, conditions: [PodCondition] = [], message: String? = nil, reason: String? = nil,
        nominatedNodeName: String? = nil, hostIP: String? = nil, hostIPs: [HostIP] = [], podIP: String? = nil,
        podIPs: [PodIP] = [], startTime: Time? = nil, initContainerStatuses: [ContainerStatus] = [],
        containerStatuses: [ContainerStatus] = [], qosClass: String? = nil
    ) {
        self.phase = phase
        self.conditions = conditions
        self.message = message
        self.reason = reason
        self.nominatedNodeName = nominatedNodeName
        self.hostIP = hostIP
        self.hostIPs = hostIPs
        self.podIP = podIP
        self.podIPs = podIPs
        self.startTime = startTime
        self.initContainerStatuses = initContainerStatuses
        self.containerStatuses = containerStatuses
        self.qosClass = qosClass
    }

    /// The status of the (regular) container with this name.
    public func containerStatus(named name: String) -> ContainerStatus? {
        containerStatuses.first { $0.name == name }
    }

    /// The condition of this type, if reported.
    public func condition(_ type: PodConditionType) -> PodCondition? {
        conditions.first { $0.type == type }
    }
}

/// core/v1 PodConditionType.
public struct PodConditionType: OpenEnum {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let podScheduled: PodConditionType = "PodScheduled"
    public static let podReadyToStartContainers: PodConditionType = "PodReadyToStartContainers"
    public static let initialized: PodConditionType = "Initialized"
    public static let containersReady: PodConditionType = "ContainersReady"
    public static let ready: PodConditionType = "Ready"
    public static let disruptionTarget: PodConditionType = "DisruptionTarget"
    public static let knownValues: [PodConditionType] = [
        .podScheduled, .podReadyToStartContainers, .initialized, .containersReady, .ready, .disruptionTarget,
    ]
}

/// core/v1 PodCondition.
public struct PodCondition: Codable, Hashable, Sendable {
    public var type: PodConditionType
    public var status: ConditionStatus
    public var lastProbeTime: Time?
    public var lastTransitionTime: Time?
    public var reason: String?
    public var message: String?

    public init(
        type: PodConditionType, status: ConditionStatus, lastProbeTime: Time? = nil,
        lastTransitionTime: Time? = nil, reason: String? = nil, message: String? = nil
    ) {
        self.type = type
        self.status = status
        self.lastProbeTime = lastProbeTime
        self.lastTransitionTime = lastTransitionTime
        self.reason = reason
        self.message = message
    }
}

/// core/v1 PodIP.
public struct PodIP: Codable, Hashable, Sendable {
    public var ip: String

    public init(ip: String) {
        self.ip = ip
    }
}

/// core/v1 HostIP.
public struct HostIP: Codable, Hashable, Sendable {
    public var ip: String

    public init(ip: String) {
        self.ip = ip
    }
}

/// core/v1 ContainerStatus.
public struct ContainerStatus: Codable, Hashable, Sendable {
    public var name: String
    public var state: ContainerState?
    public var lastState: ContainerState?
    public var ready: Bool?
    public var restartCount: Int32?
    public var image: String?
    public var imageID: String?
    public var containerID: String?
    public var started: Bool?

    public init(
        name: String, state: ContainerState? = nil, lastState: ContainerState? = nil, ready: Bool? = nil,
        restartCount: Int32? = nil, image: String? = nil, imageID: String? = nil, containerID: String? = nil,
        started: Bool? = nil
    ) {
        self.name = name
        self.state = state
        self.lastState = lastState
        self.ready = ready
        self.restartCount = restartCount
        self.image = image
        self.imageID = imageID
        self.containerID = containerID
        self.started = started
    }
}

/// core/v1 ContainerState: at most one member is set.
public struct ContainerState: Codable, Hashable, Sendable {
    public var waiting: ContainerStateWaiting?
    public var running: ContainerStateRunning?
    public var terminated: ContainerStateTerminated?

    public init(
        waiting: ContainerStateWaiting? = nil, running: ContainerStateRunning? = nil,
        terminated: ContainerStateTerminated? = nil
    ) {
        self.waiting = waiting
        self.running = running
        self.terminated = terminated
    }
}

/// core/v1 ContainerStateWaiting.
public struct ContainerStateWaiting: Codable, Hashable, Sendable {
    public var reason: String?
    public var message: String?

    public init(reason: String? = nil, message: String? = nil) {
        self.reason = reason
        self.message = message
    }
}

/// core/v1 ContainerStateRunning.
public struct ContainerStateRunning: Codable, Hashable, Sendable {
    public var startedAt: Time?

    public init(startedAt: Time? = nil) {
        self.startedAt = startedAt
    }
}

/// core/v1 ContainerStateTerminated.
public struct ContainerStateTerminated: Codable, Hashable, Sendable {
    public var exitCode: Int32
    public var signal: Int32?
    public var reason: String?
    public var message: String?
    public var startedAt: Time?
    public var finishedAt: Time?
    public var containerID: String?

    public init(
        exitCode: Int32, signal: Int32? = nil, reason: String? = nil, message: String? = nil,
        startedAt: Time? = nil, finishedAt: Time? = nil, containerID: String? = nil
    ) {
        self.exitCode = exitCode
        self.signal = signal
        self.reason = reason
        self.message = message
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.containerID = containerID
    }
}
