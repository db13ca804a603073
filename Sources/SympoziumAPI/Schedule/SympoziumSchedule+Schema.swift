import KubeModel

extension SympoziumSchedule {
    public static let kindDescription = """
        SympoziumSchedule runs an agent task for an instance on a cron schedule: heartbeats, sweeps and \
        other recurring work. Concurrency policies behave as a CronJob's do.
        """

    public static let printerColumns: [CustomResourceColumnDefinition] = [
        CustomResourceColumnDefinition(name: "Instance", type: "string", jsonPath: ".spec.instanceRef"),
        CustomResourceColumnDefinition(name: "Schedule", type: "string", jsonPath: ".spec.schedule"),
        CustomResourceColumnDefinition(name: "Type", type: "string", jsonPath: ".spec.type"),
        CustomResourceColumnDefinition(name: "Phase", type: "string", jsonPath: ".status.phase"),
        CustomResourceColumnDefinition(name: "Last Run", type: "date", jsonPath: ".status.lastRunTime"),
        ageColumn,
    ]

    public static let specSchema: JSONSchemaProps = .object(
        "The recurring task.",
        properties: [
            "instanceRef": .string("Name of the SympoziumInstance the runs belong to."),
            "schedule": .string("Cron expression (\"*/5 * * * *\"), @hourly, @daily, @weekly or @every <duration>."),
            "task": .string("Task given to the agent on every run."),
            "type": .string(
                "Kind of schedule: heartbeat, scheduled or sweep.", default: ScheduleType.scheduled.rawValue,
                enum: ScheduleType.knownValues.map(\.rawValue)),
            "suspend": .boolean("Pause the schedule; runs already started continue."),
            "concurrencyPolicy": .string(
                "When a run is due and the previous one is active: Forbid skips, Allow runs both, Replace stops the old one.",
                default: ConcurrencyPolicy.forbid.rawValue, enum: ConcurrencyPolicy.knownValues.map(\.rawValue)),
            "includeMemory": .boolean("Prepend the instance's MEMORY.md to each run's task.", default: true),
        ],
        required: ["instanceRef", "schedule", "task"])

    public static let statusSchema: JSONSchemaProps = .object(
        "Observed state of the schedule.",
        properties: [
            "phase": .string("Active, Suspended or Error."),
            "lastRunTime": .dateTime("When the last run was started."),
            "nextRunTime": .dateTime("When the next run is due."),
            "lastRunName": .string("Name of the last AgentRun created."),
            "totalRuns": .integer("Runs this schedule has started.", format: "int64"),
            "conditions": .conditions("Latest observations of the schedule's state."),
        ])
}

extension SympoziumSchedule {
    public func validateSemantics() -> [FieldError] {
        var errors: [FieldError] = []
        if spec.instanceRef.isEmpty {
            errors.append(.required("spec.instanceRef"))
        } else {
            errors += Names.validateDNSSubdomain(spec.instanceRef, at: "spec.instanceRef")
        }
        if spec.task.isEmpty { errors.append(.required("spec.task")) }
        do {
            _ = try CronSchedule(parsing: spec.schedule)
        } catch {
            errors.append(.invalid("spec.schedule", error.description))
        }
        return errors
    }
}
