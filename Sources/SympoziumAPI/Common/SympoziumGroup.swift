import KubeModel

/// The sympozium.ai API group and the names shared across kinds.
public enum SympoziumGroup {
    public static let name = "sympozium.ai"
    public static let version = "v1alpha1"
    public static let apiVersion = "\(name)/\(version)"
    /// Category every Sympozium kind belongs to: `kubectl get sympozium`.
    public static let category = "sympozium"
    /// Namespace of the control plane and of packs usable from any namespace.
    public static let systemNamespace = "sympozium-system"
}

/// Label and annotation keys Sympozium puts on the objects it manages.
public enum SympoziumLabel {
    public static let instance = "sympozium.ai/instance"
    public static let agentRun = "sympozium.ai/agent-run"
    public static let component = "sympozium.ai/component"
    public static let channel = "sympozium.ai/channel"
    public static let role = "sympozium.ai/role"
    public static let sandbox = "sympozium.ai/sandbox"
    public static let skillPack = "sympozium.ai/skill-pack"
    public static let schedule = "sympozium.ai/schedule"
    public static let builtin = "sympozium.ai/builtin"
    public static let managedBy = "app.kubernetes.io/managed-by"
}
