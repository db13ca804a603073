/// The run's allow/deny tool policy (`TOOLS_ALLOW`, `TOOLS_DENY`). A denied
/// tool is not offered to the model, and a call to it is refused.
public struct ToolPolicy: Sendable, Hashable {
    /// When not empty, only these tools are allowed.
    public var allow: Set<String>
    /// Never allowed, even when listed in `allow`.
    public var deny: Set<String>

    public init(allow: Set<String> = [], deny: Set<String> = []) {
        self.allow = allow
        self.deny = deny
    }

    public func permits(_ tool: String) -> Bool {
        if deny.contains(tool) || deny.contains("*") { return false }
        return allow.isEmpty || allow.contains(tool) || allow.contains("*")
    }

    static func names(_ list: String?) -> Set<String> {
        Set((list ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
    }
}
