/// batch/v1 Job.
public struct Job: HasSpec, HasStatus {
    public static let group = "batch"
    public static let version = "v1"
    public static let kind = "Job"
    public static let plural = "jobs"
    public static let scope = ResourceScope.namespaced

    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: JobSpec
    public var status: JobStatus?

    public init(metadata: ObjectMeta = ObjectMeta(), spec: JobSpec = JobSpec(), status: JobStatus? = nil) {
        self.apiVersion = Self.apiVersion
        self.kind = Self.kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }

    private enum CodingKeys: String, CodingKey { case apiVersion, kind, metadata, spec, status }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        apiVersion = try container.decodeIfPresent(String.self, forKey: .apiVersion)
        kind = try container.decodeIfPresent(String.self, forKey: .kind)
        metadata = try container.decodeIfPresent(ObjectMeta.self, forKey: .metadata) ?? ObjectMeta()
        spec = try container.decodeIfPresent(JobSpec.self, forKey: .spec) ?? JobSpec()
        status = try container.decodeIfPresent(JobStatus.self, forKey: .status)
    }
}

/// batch/v1 JobSpec.
public struct JobSpec: Codable, Hashable, Sendable {
    public var parallelism: Int32?
    public var completions: Int32?
    public var activeDeadlineSeconds: Int64?
    public var backoffLimit: Int32?
    public var selector: LabelSelector?
    public var manualSelector: Bool?
    public var template: PodTemplateSpec
    public var ttlSecondsAfterFinished: Int32?
    /// "NonIndexed" (the default) or "Indexed".
    public var completionMode: String?
    public var suspend: Bool?
    /// "TerminatingOrFailed" or "Failed".
    public var podReplacementPolicy: String?

    public init(
        parallelism: Int32? = nil, completions: Int32? = nil, activeDeadlineSeconds: Int64? = nil,
        backoffLimit: Int32? = nil, selector: LabelSelector? = nil, manualSelector: Bool? = nil,
        template: PodTemplateSpec = PodTemplateSpec(), ttlSecondsAfterFinished: Int32? = nil,
        completionMode: String? = nil, suspend: Bool? = nil, podReplacementPolicy: String? = nil
    ) {
        self.parallelism = parallelism
        self.completions = completions
        self.activeDeadlineSeconds = activeDeadlineSeconds
        self.backoffLimit = backoffLimit
        self.selector = selector
        self.manualSelector = manualSelector
        self.template = template
        self.ttlSecondsAfterFinished = ttlSecondsAfterFinished
        self.completionMode = completionMode
        self.suspend = suspend
        self.podReplacementPolicy = podReplacementPolicy
    }
}

/// batch/v1 JobStatus.
public struct JobStatus: Codable, Hashable, Sendable {
    @OmitEmpty public var conditions: [JobCondition] = []
    public var startTime: Time?
    public var completionTime: Time?
    public var active: Int32?
    public var succeeded: Int32?
    public var failed: Int32?
    public var terminating: Int32?
    public var completedIndexes: String?
    public var failedIndexes: String?
    public var ready: Int32?

    public init(
        conditions: [JobCondition] = [], startTime: Time? = nil, completionTime: Time? = nil, active: Int32? = nil,
        succeeded: Int32? = nil, failed: Int32? = nil, terminating: Int32? = nil, completedIndexes: String? = nil,
        failedIndexes: String? = nil, ready: Int32? = nil
    ) {
        self.conditions = conditions
        self.startTime = startTime
        self.completionTime = completionTime
        self.active = active
        self.succeeded = succeeded
        self.failed = failed
        self.terminating = terminating
        self.completedIndexes = completedIndexes
        self.failedIndexes = failedIndexes
        self.ready = ready
    }

    /// The condition of this type, if reported.
    public func condition(_ type: JobConditionType) -> JobCondition? {
        conditions.first { $0.type == type }
    }

    /// Whether the condition of this type has status True.
    public func isTrue(_ type: JobConditionType) -> Bool {
        condition(type)?.status == .true
    }

    /// The job finished: Complete or Failed is True.
    public var isFinished: Bool { isTrue(.complete) || isTrue(.failed) }
}

/// batch/v1 JobConditionType.
public struct JobConditionType: OpenEnum {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let suspended: JobConditionType = "Suspended"
    public static let complete: JobConditionType = "Complete"
    public static let failed: JobConditionType = "Failed"
    public static let failureTarget: JobConditionType = "FailureTarget"
    public static let successCriteriaMet: JobConditionType = "SuccessCriteriaMet"
    public static let knownValues: [JobConditionType] = [
        .suspended, .complete, .failed, .failureTarget, .successCriteriaMet,
    ]
}

/// batch/v1 JobCondition.
public struct JobCondition: Codable, Hashable, Sendable {
    public var type: JobConditionType
    public var status: ConditionStatus
    public var lastProbeTime: Time?
    public var lastTransitionTime: Time?
    public var reason: String?
    public var message: String?

    public init(
        type: JobConditionType, status: ConditionStatus, lastProbeTime: Time? = nil,
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
