// core/v1 scheduling affinity (k8s.io/api/core/v1/generated.proto).
extension ProtoSchema {
    static let affinity = ProtoMessage(
        "Affinity",
        [
            .message(1, "nodeAffinity") { nodeAffinity },
            .message(2, "podAffinity") { podAffinity("PodAffinity") },
            .message(3, "podAntiAffinity") { podAffinity("PodAntiAffinity") },
        ])

    static let nodeAffinity = ProtoMessage(
        "NodeAffinity",
        [
            .message(1, "requiredDuringSchedulingIgnoredDuringExecution") {
                ProtoMessage("NodeSelector", [.messages(1, "nodeSelectorTerms") { nodeSelectorTerm }])
            },
            .messages(2, "preferredDuringSchedulingIgnoredDuringExecution") {
                ProtoMessage(
                    "PreferredSchedulingTerm",
                    [.present(1, "weight", .int32), .message(2, "preference") { nodeSelectorTerm }])
            },
        ])

    static let nodeSelectorTerm = ProtoMessage(
        "NodeSelectorTerm",
        [
            .messages(1, "matchExpressions") { nodeSelectorRequirement },
            .messages(2, "matchFields") { nodeSelectorRequirement },
        ])

    static let nodeSelectorRequirement = ProtoMessage(
        "NodeSelectorRequirement",
        [
            .present(1, "key", .string),
            .present(2, "operator", .string),
            .repeated(3, "values", .string),
        ])

    /// PodAffinity / PodAntiAffinity {required=1 [PodAffinityTerm], preferred=2 [WeightedPodAffinityTerm]}.
    static func podAffinity(_ name: String) -> ProtoMessage {
        ProtoMessage(
            name,
            [
                .messages(1, "requiredDuringSchedulingIgnoredDuringExecution") { podAffinityTerm },
                .messages(2, "preferredDuringSchedulingIgnoredDuringExecution") {
                    ProtoMessage(
                        "WeightedPodAffinityTerm",
                        [.present(1, "weight", .int32), .message(2, "podAffinityTerm") { podAffinityTerm }])
                },
            ])
    }

    static let podAffinityTerm = ProtoMessage(
        "PodAffinityTerm",
        [
            .message(1, "labelSelector") { labelSelector },
            .repeated(2, "namespaces", .string),
            .present(3, "topologyKey", .string),
            .message(4, "namespaceSelector") { labelSelector },
            .repeated(5, "matchLabelKeys", .string),
            .repeated(6, "mismatchLabelKeys", .string),
        ])
}
