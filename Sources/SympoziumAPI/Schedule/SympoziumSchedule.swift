import KubeModel

/// A recurring agent task for an instance, as a CronJob is for Jobs.
public struct SympoziumSchedule: CustomResource {
    public static let kind = "SympoziumSchedule"
    public static let plural = "sympoziumschedules"
    public static let shortNames = ["ssch"]

    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: SympoziumScheduleSpec
    public var status: SympoziumScheduleStatus?

    public init(metadata: ObjectMeta, spec: SympoziumScheduleSpec, status: SympoziumScheduleStatus? = nil) {
        self.apiVersion = Self.apiVersion
        self.kind = Self.kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }
}

public struct SympoziumScheduleSpec: Codable, Hashable, Sendable {
    public var instanceRef: String
    public var schedule: String
    public var task: String
    public var type: ScheduleType?
    public var suspend: Bool?
    public var concurrencyPolicy: ConcurrencyPolicy?
    public var includeMemory: Bool?

    public init(
        instanceRef: String, schedule: String, task: String, type: ScheduleType? = nil, suspend: Bool? = nil,
        concurrencyPolicy: ConcurrencyPolicy? = nil, includeMemory: Bool? = nil
    ) {
        self.instanceRef = instanceRef
        self.schedule = schedule
        self.task = task
        self.type = type
        self.suspend = suspend
        self.concurrencyPolicy = concurrencyPolicy
        self.includeMemory = includeMemory
    }

    public var cron: CronSchedule {
        get throws(CronError) { try CronSchedule(parsing: schedule) }
    }
}

/// heartbeat, scheduled or sweep.
public struct ScheduleType: OpenEnum {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let heartbeat: ScheduleType = "heartbeat"
    public static let scheduled: ScheduleType = "scheduled"
    public static let sweep: ScheduleType = "sweep"
    public static let knownValues: [ScheduleType] = [.heartbeat, .scheduled, .sweep]
}

/// What happens when a run is due while the previous one is still active.
public struct ConcurrencyPolicy: OpenEnum {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    /// Skip the new run.
    public static let forbid: ConcurrencyPolicy = "Forbid"
    /// Start the new run alongside.
    public static let allow: ConcurrencyPolicy = "Allow"
    /// Stop the active run and start the new one.
    public static let replace: ConcurrencyPolicy = "Replace"
    public static let knownValues: [ConcurrencyPolicy] = [.forbid, .allow, .replace]
}

public struct SympoziumScheduleStatus: Codable, Hashable, Sendable {
    /// Active, Suspended or Error.
    public var phase: String?
    public var lastRunTime: Time?
    public var nextRunTime: Time?
    public var lastRunName: String?
    public var totalRuns: Int64?
    @OmitEmpty public var conditions: [Condition] = []

    public init(
        phase: String? = nil, lastRunTime: Time? = nil, nextRunTime: Time? = nil, lastRunName: String? = nil,
        totalRuns: Int64? = nil, conditions: [Condition] = []
    ) {
        self.phase = phase
        self.lastRunTime = lastRunTime
        self.nextRunTime = nextRunTime
        self.lastRunName = lastRunName
        self.totalRuns = totalRuns
        self.conditions = conditions
    }
}
