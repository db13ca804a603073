// apps/v1 Deployment and batch/v1 Job, CronJob (k8s.io/api/{apps,batch}/v1/generated.proto).
extension ProtoSchema {
    static let deployment = ProtoMessage(
        "Deployment",
        [
            .message(1, "metadata") { objectMeta },
            .message(2, "spec") { deploymentSpec },
            .message(3, "status") { deploymentStatus },
        ])

    static let deploymentSpec = ProtoMessage(
        "DeploymentSpec",
        [
            .present(1, "replicas", .int32),
            .message(2, "selector") { labelSelector },
            .message(3, "template") { podTemplateSpec },
            .message(4, "strategy") {
                ProtoMessage(
                    "DeploymentStrategy",
                    [.scalar(1, "type", .string), .message(2, "rollingUpdate") { rollingUpdateDeployment }])
            },
            .scalar(5, "minReadySeconds", .int32),
            .present(6, "revisionHistoryLimit", .int32),
            .scalar(7, "paused", .bool),
            .present(9, "progressDeadlineSeconds", .int32),
        ])

    static let rollingUpdateDeployment = ProtoMessage(
        "RollingUpdateDeployment",
        [
            .present(1, "maxUnavailable", .intOrString),
            .present(2, "maxSurge", .intOrString),
        ])

    static let deploymentStatus = ProtoMessage(
        "DeploymentStatus",
        [
            .scalar(1, "observedGeneration", .int64),
            .scalar(2, "replicas", .int32),
            .scalar(3, "updatedReplicas", .int32),
            .scalar(4, "availableReplicas", .int32),
            .scalar(5, "unavailableReplicas", .int32),
            .messages(6, "conditions") {
                ProtoMessage(
                    "DeploymentCondition",
                    [
                        .present(1, "type", .string),
                        .present(2, "status", .string),
                        .scalar(4, "reason", .string),
                        .scalar(5, "message", .string),
                        .present(6, "lastUpdateTime", .time),
                        .present(7, "lastTransitionTime", .time),
                    ])
            },
            .scalar(7, "readyReplicas", .int32),
            .present(8, "collisionCount", .int32),
            .present(9, "terminatingReplicas", .int32),
        ])

    static let job = ProtoMessage(
        "Job",
        [
            .message(1, "metadata") { objectMeta },
            .message(2, "spec") { jobSpec },
            .message(3, "status") { jobStatus },
        ])

    static let jobSpec = ProtoMessage(
        "JobSpec",
        [
            .present(1, "parallelism", .int32),
            .present(2, "completions", .int32),
            .present(3, "activeDeadlineSeconds", .int64),
            .message(4, "selector") { labelSelector },
            .present(5, "manualSelector", .bool),
            .message(6, "template") { podTemplateSpec },
            .present(7, "backoffLimit", .int32),
            .present(8, "ttlSecondsAfterFinished", .int32),
            .present(9, "completionMode", .string),
            .present(10, "suspend", .bool),
            .message(11, "podFailurePolicy") {
                ProtoMessage("PodFailurePolicy", [.messages(1, "rules") { podFailurePolicyRule }])
            },
            .present(12, "backoffLimitPerIndex", .int32),
            .present(13, "maxFailedIndexes", .int32),
            .present(14, "podReplacementPolicy", .string),
            .present(15, "managedBy", .string),
            .message(16, "successPolicy") {
                ProtoMessage(
                    "SuccessPolicy",
                    [
                        .messages(1, "rules") {
                            ProtoMessage(
                                "SuccessPolicyRule",
                                [.present(1, "succeededIndexes", .string), .present(2, "succeededCount", .int32)])
                        }
                    ])
            },
        ])

    static let podFailurePolicyRule = ProtoMessage(
        "PodFailurePolicyRule",
        [
            .present(1, "action", .string),
            .message(2, "onExitCodes") {
                ProtoMessage(
                    "PodFailurePolicyOnExitCodesRequirement",
                    [
                        .present(1, "containerName", .string),
                        .present(2, "operator", .string),
                        .repeated(3, "values", .int32),
                    ])
            },
            .messages(3, "onPodConditions") {
                ProtoMessage(
                    "PodFailurePolicyOnPodConditionsPattern",
                    [.present(1, "type", .string), .present(2, "status", .string)])
            },
        ])

    static let jobStatus = ProtoMessage(
        "JobStatus",
        [
            .messages(1, "conditions") {
                ProtoMessage(
                    "JobCondition",
                    [
                        .present(1, "type", .string),
                        .present(2, "status", .string),
                        .present(3, "lastProbeTime", .time),
                        .present(4, "lastTransitionTime", .time),
                        .scalar(5, "reason", .string),
                        .scalar(6, "message", .string),
                    ])
            },
            .present(2, "startTime", .time),
            .present(3, "completionTime", .time),
            .scalar(4, "active", .int32),
            .scalar(5, "succeeded", .int32),
            .scalar(6, "failed", .int32),
            .scalar(7, "completedIndexes", .string),
            .message(8, "uncountedTerminatedPods") {
                ProtoMessage(
                    "UncountedTerminatedPods", [.repeated(1, "succeeded", .string), .repeated(2, "failed", .string)])
            },
            .present(9, "ready", .int32),
            .present(10, "failedIndexes", .string),
            .present(11, "terminating", .int32),
        ])

    static let cronJob = ProtoMessage(
        "CronJob",
        [
            .message(1, "metadata") { objectMeta },
            .message(2, "spec") { cronJobSpec },
            .message(3, "status") {
                ProtoMessage(
                    "CronJobStatus",
                    [
                        .messages(1, "active") { objectReference },
                        .present(4, "lastScheduleTime", .time),
                        .present(5, "lastSuccessfulTime", .time),
                    ])
            },
        ])

    static let cronJobSpec = ProtoMessage(
        "CronJobSpec",
        [
            .present(1, "schedule", .string),
            .present(2, "startingDeadlineSeconds", .int64),
            .scalar(3, "concurrencyPolicy", .string),
            .present(4, "suspend", .bool),
            .message(5, "jobTemplate") {
                ProtoMessage(
                    "JobTemplateSpec", [.message(1, "metadata") { objectMeta }, .message(2, "spec") { jobSpec }])
            },
            .present(6, "successfulJobsHistoryLimit", .int32),
            .present(7, "failedJobsHistoryLimit", .int32),
            .present(8, "timeZone", .string),
        ])
}
