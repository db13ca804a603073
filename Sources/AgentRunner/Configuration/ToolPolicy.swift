/// The run's tool policy (`TOOLS_ALLOW`, `TOOLS_DENY`, `TOOLS_REQUIRE_APPROVAL`).
/// A denied tool is not offered to the model, and a call to it is refused; a
/// call to a tool that needs approval runs only once a human approved it.
public struct ToolPolicy: Sendable, Hashable {
    /// When not empty, only these tools are allowed.
    public var allow: Set<String>
    /// Never allowed, even when listed in `allow`.
    public var deny: Set<String>
    /// Each call waits for a human's approval ("*": every tool).
    public var requireApproval: Set<String>

    public init(allow: Set<String> = [], deny: Set<String> = [], requireApproval: Set<String> = []) {
        self.allow = allow
        self.deny = deny
        self.requireApproval = requireApproval
    }

    public func needsApproval(_ tool: String) -> Bool {
        requireApproval.contains(tool) || requireApproval.contains("*")
    }

    public func permits(_ tool: String) -> Bool {
        if deny.contains(tool) || deny.contains("*") { return false }
        return allow.isEmpty || allow.contains(tool) || allow.contains("*")
    }

    static func names(_ list: String?) -> Set<String> {
        Set((list ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
    }
}
