import KubeModel

/// Every kind of the sympozium.ai/v1alpha1 API, in a stable order.
public enum SympoziumKinds {
    public static let all: [any CustomResource.Type] = [
        SympoziumInstance.self, AgentRun.self, SympoziumPolicy.self, SkillPack.self, SympoziumSchedule.self,
    ]

    /// The generated CRDs, one per kind.
    public static var customResourceDefinitions: [CustomResourceDefinition] {
        all.map { $0.customResourceDefinition }
    }

    /// File name controller-gen would use: `sympozium.ai_<plural>.yaml`.
    public static func manifestFileName(for kind: any CustomResource.Type) -> String {
        "\(kind.group)_\(kind.plural).yaml"
    }

    public static func kind(named name: String) -> (any CustomResource.Type)? {
        all.first { $0.kind == name }
    }
}
