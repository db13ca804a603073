import KubeModel

/// JSON Merge Patch (RFC 7386), the `application/merge-patch+json` patch type.
public enum JSONMergePatch {
    /// Applies `patch` to `target`: `null` members delete, objects merge
    /// recursively, and any other value (arrays included) replaces.
    public static func apply(_ patch: JSONValue, to target: JSONValue) -> JSONValue {
        guard case .object(let patchMembers) = patch else { return patch }
        var result = target.objectValue ?? [:]
        for (key, value) in patchMembers {
            if value == .null {
                result.removeValue(forKey: key)
            } else {
                result[key] = apply(value, to: result[key] ?? .null)
            }
        }
        return .object(result)
    }
}
