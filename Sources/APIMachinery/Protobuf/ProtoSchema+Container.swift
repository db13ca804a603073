// core/v1 Container and the messages it embeds (k8s.io/api/core/v1/generated.proto).
extension ProtoSchema {
    static let container = ProtoMessage(
        "Container",
        [
            .present(1, "name", .string),
            .scalar(2, "image", .string),
            .repeated(3, "command", .string),
            .repeated(4, "args", .string),
            .scalar(5, "workingDir", .string),
            .messages(6, "ports") { containerPort },
            .messages(7, "env") { envVar },
            .message(8, "resources") { resourceRequirements },
            .messages(9, "volumeMounts") { volumeMount },
            .message(10, "livenessProbe") { probe },
            .message(11, "readinessProbe") { probe },
            .message(12, "lifecycle") { lifecycle },
            .scalar(13, "terminationMessagePath", .string),
            .scalar(14, "imagePullPolicy", .string),
            .message(15, "securityContext") { securityContext },
            .scalar(16, "stdin", .bool),
            .scalar(17, "stdinOnce", .bool),
            .scalar(18, "tty", .bool),
            .messages(19, "envFrom") { envFromSource },
            .scalar(20, "terminationMessagePolicy", .string),
            .messages(21, "volumeDevices") {
                ProtoMessage("VolumeDevice", [.present(1, "name", .string), .present(2, "devicePath", .string)])
            },
            .message(22, "startupProbe") { probe },
            .messages(23, "resizePolicy") {
                ProtoMessage(
                    "ContainerResizePolicy",
                    [.present(1, "resourceName", .string), .present(2, "restartPolicy", .string)])
            },
            .present(24, "restartPolicy", .string),
        ])

    static let containerPort = ProtoMessage(
        "ContainerPort",
        [
            .scalar(1, "name", .string),
            .scalar(2, "hostPort", .int32),
            .present(3, "containerPort", .int32),
            .scalar(4, "protocol", .string),
            .scalar(5, "hostIP", .string),
        ])

    static let envVar = ProtoMessage(
        "EnvVar",
        [
            .present(1, "name", .string),
            .scalar(2, "value", .string),
            .message(3, "valueFrom") { envVarSource },
        ])

    static let envVarSource = ProtoMessage(
        "EnvVarSource",
        [
            .message(1, "fieldRef") { objectFieldSelector },
            .message(2, "resourceFieldRef") { resourceFieldSelector },
            .message(3, "configMapKeyRef") { configMapKeySelector },
            .message(4, "secretKeyRef") { secretKeySelector },
        ])

    static let configMapKeySelector = keySelector("ConfigMapKeySelector")
    static let secretKeySelector = keySelector("SecretKeySelector")

    static func keySelector(_ name: String) -> ProtoMessage {
        ProtoMessage(
            name,
            [
                .inline(1) { localObjectReference },
                .present(2, "key", .string),
                .present(3, "optional", .bool),
            ])
    }

    static let objectFieldSelector = ProtoMessage(
        "ObjectFieldSelector", [.scalar(1, "apiVersion", .string), .present(2, "fieldPath", .string)])

    static let resourceFieldSelector = ProtoMessage(
        "ResourceFieldSelector",
        [
            .scalar(1, "containerName", .string),
            .present(2, "resource", .string),
            .present(3, "divisor", .quantity),
        ])

    static let envFromSource = ProtoMessage(
        "EnvFromSource",
        [
            .scalar(1, "prefix", .string),
            .message(2, "configMapRef") { envSource("ConfigMapEnvSource") },
            .message(3, "secretRef") { envSource("SecretEnvSource") },
        ])

    static func envSource(_ name: String) -> ProtoMessage {
        ProtoMessage(name, [.inline(1) { localObjectReference }, .present(2, "optional", .bool)])
    }

    static let resourceRequirements = ProtoMessage(
        "ResourceRequirements",
        [
            .map(1, "limits", .quantity),
            .map(2, "requests", .quantity),
            .messages(3, "claims") {
                ProtoMessage("ResourceClaim", [.present(1, "name", .string), .scalar(2, "request", .string)])
            },
        ])

    static let volumeMount = ProtoMessage(
        "VolumeMount",
        [
            .present(1, "name", .string),
            .scalar(2, "readOnly", .bool),
            .present(3, "mountPath", .string),
            .scalar(4, "subPath", .string),
            .present(5, "mountPropagation", .string),
            .scalar(6, "subPathExpr", .string),
            .present(7, "recursiveReadOnly", .string),
        ])

    static let probe = ProtoMessage(
        "Probe",
        [
            .inline(1) { probeHandler },
            .scalar(2, "initialDelaySeconds", .int32),
            .scalar(3, "timeoutSeconds", .int32),
            .scalar(4, "periodSeconds", .int32),
            .scalar(5, "successThreshold", .int32),
            .scalar(6, "failureThreshold", .int32),
            .present(7, "terminationGracePeriodSeconds", .int64),
        ])

    static let lifecycle = ProtoMessage(
        "Lifecycle",
        [
            .message(1, "postStart") { lifecycleHandler },
            .message(2, "preStop") { lifecycleHandler },
        ])

    static let probeHandler = handler(
        "ProbeHandler",
        .message(4, "grpc") {
            ProtoMessage("GRPCAction", [.present(1, "port", .int32), .present(2, "service", .string)])
        })

    static let lifecycleHandler = handler(
        "LifecycleHandler",
        .message(4, "sleep") { ProtoMessage("SleepAction", [.present(1, "seconds", .int64)]) })

    /// {exec=1, httpGet=2, tcpSocket=3} plus the handler's own fourth action.
    static func handler(_ name: String, _ fourth: ProtoField) -> ProtoMessage {
        ProtoMessage(
            name,
            [
                .message(1, "exec") { ProtoMessage("ExecAction", [.repeated(1, "command", .string)]) },
                .message(2, "httpGet") { httpGetAction },
                .message(3, "tcpSocket") {
                    ProtoMessage("TCPSocketAction", [.present(1, "port", .intOrString), .scalar(2, "host", .string)])
                },
                fourth,
            ])
    }

    static let httpGetAction = ProtoMessage(
        "HTTPGetAction",
        [
            .scalar(1, "path", .string),
            .present(2, "port", .intOrString),
            .scalar(3, "host", .string),
            .scalar(4, "scheme", .string),
            .messages(5, "httpHeaders") {
                ProtoMessage("HTTPHeader", [.present(1, "name", .string), .present(2, "value", .string)])
            },
        ])

    static let securityContext = ProtoMessage(
        "SecurityContext",
        [
            .message(1, "capabilities") {
                ProtoMessage("Capabilities", [.repeated(1, "add", .string), .repeated(2, "drop", .string)])
            },
            .present(2, "privileged", .bool),
            .message(3, "seLinuxOptions") { seLinuxOptions },
            .present(4, "runAsUser", .int64),
            .present(5, "runAsNonRoot", .bool),
            .present(6, "readOnlyRootFilesystem", .bool),
            .present(7, "allowPrivilegeEscalation", .bool),
            .present(8, "runAsGroup", .int64),
            .present(9, "procMount", .string),
            .unsupported(10, "windowsOptions"),
            .message(11, "seccompProfile") { profile("SeccompProfile") },
            .message(12, "appArmorProfile") { profile("AppArmorProfile") },
            .unsupported(13, "ulimits"),
        ])
}
