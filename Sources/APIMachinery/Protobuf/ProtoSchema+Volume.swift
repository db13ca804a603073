// core/v1 pod volumes (k8s.io/api/core/v1/generated.proto).
extension ProtoSchema {
    static let volume = ProtoMessage(
        "Volume",
        [
            .present(1, "name", .string),
            .inline(2) { volumeSource },
        ])

    /// VolumeSource: the common in-tree sources; the others are rejected rather than dropped.
    static let volumeSource = ProtoMessage(
        "VolumeSource",
        [
            .message(1, "hostPath") {
                ProtoMessage("HostPathVolumeSource", [.present(1, "path", .string), .present(2, "type", .string)])
            },
            .message(2, "emptyDir") {
                ProtoMessage(
                    "EmptyDirVolumeSource", [.scalar(1, "medium", .string), .present(2, "sizeLimit", .quantity)])
            },
            .unsupported(3, "gcePersistentDisk"),
            .unsupported(4, "awsElasticBlockStore"),
            .unsupported(5, "gitRepo"),
            .message(6, "secret") { secretVolumeSource },
            .message(7, "nfs") {
                ProtoMessage(
                    "NFSVolumeSource",
                    [.present(1, "server", .string), .present(2, "path", .string), .scalar(3, "readOnly", .bool)])
            },
            .unsupported(8, "iscsi"),
            .unsupported(9, "glusterfs"),
            .message(10, "persistentVolumeClaim") {
                ProtoMessage(
                    "PersistentVolumeClaimVolumeSource",
                    [.present(1, "claimName", .string), .scalar(2, "readOnly", .bool)])
            },
            .unsupported(11, "rbd"),
            .unsupported(12, "flexVolume"),
            .unsupported(13, "cinder"),
            .unsupported(14, "cephfs"),
            .unsupported(15, "flocker"),
            .message(16, "downwardAPI") {
                ProtoMessage(
                    "DownwardAPIVolumeSource",
                    [.messages(1, "items") { downwardAPIVolumeFile }, .present(2, "defaultMode", .int32)])
            },
            .unsupported(17, "fc"),
            .unsupported(18, "azureFile"),
            .message(19, "configMap") { configMapVolumeSource },
            .unsupported(20, "vsphereVolume"),
            .unsupported(21, "quobyte"),
            .unsupported(22, "azureDisk"),
            .unsupported(23, "photonPersistentDisk"),
            .unsupported(24, "portworxVolume"),
            .unsupported(25, "scaleIO"),
            .message(26, "projected") {
                ProtoMessage(
                    "ProjectedVolumeSource",
                    [.messages(1, "sources") { volumeProjection }, .present(2, "defaultMode", .int32)])
            },
            .unsupported(27, "storageos"),
            .unsupported(28, "csi"),
            .unsupported(29, "ephemeral"),
            .unsupported(30, "image"),
        ])

    static let secretVolumeSource = ProtoMessage(
        "SecretVolumeSource",
        [
            .scalar(1, "secretName", .string),
            .messages(2, "items") { keyToPath },
            .present(3, "defaultMode", .int32),
            .present(4, "optional", .bool),
        ])

    static let configMapVolumeSource = ProtoMessage(
        "ConfigMapVolumeSource",
        [
            .inline(1) { localObjectReference },
            .messages(2, "items") { keyToPath },
            .present(3, "defaultMode", .int32),
            .present(4, "optional", .bool),
        ])

    static let keyToPath = ProtoMessage(
        "KeyToPath",
        [
            .present(1, "key", .string),
            .present(2, "path", .string),
            .present(3, "mode", .int32),
        ])

    static let downwardAPIVolumeFile = ProtoMessage(
        "DownwardAPIVolumeFile",
        [
            .present(1, "path", .string),
            .message(2, "fieldRef") { objectFieldSelector },
            .message(3, "resourceFieldRef") { resourceFieldSelector },
            .present(4, "mode", .int32),
        ])

    static let volumeProjection = ProtoMessage(
        "VolumeProjection",
        [
            .message(1, "secret") { projection("SecretProjection") },
            .message(2, "downwardAPI") {
                ProtoMessage("DownwardAPIProjection", [.messages(1, "items") { downwardAPIVolumeFile }])
            },
            .message(3, "configMap") { projection("ConfigMapProjection") },
            .message(4, "serviceAccountToken") {
                ProtoMessage(
                    "ServiceAccountTokenProjection",
                    [
                        .scalar(1, "audience", .string),
                        .present(2, "expirationSeconds", .int64),
                        .present(3, "path", .string),
                    ])
            },
            .unsupported(5, "clusterTrustBundle"),
            .unsupported(6, "podCertificate"),
        ])

    /// SecretProjection / ConfigMapProjection {LocalObjectReference=1 (inline), items=2, optional=4}.
    static func projection(_ name: String) -> ProtoMessage {
        ProtoMessage(
            name,
            [
                .inline(1) { localObjectReference },
                .messages(2, "items") { keyToPath },
                .present(4, "optional", .bool),
            ])
    }
}
