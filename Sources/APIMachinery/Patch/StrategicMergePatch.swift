import KubeModel

/// Strategic merge patch, the `application/strategic-merge-patch+json` patch
/// type of built-in kinds (custom resources answer 415; see
/// `StrategicMergeSchema.supportsStrategicMerge(group:kind:)`).
///
/// Like a JSON merge patch, except that lists the schema declares as merging
/// are merged by key (or as sets), and kubectl's directives are honoured:
/// `$patch: replace|delete|merge`, `$setElementOrder/<list>`, `$retainKeys`
/// and `$deleteFromPrimitiveList/<list>`. `null` deletes.
public enum StrategicMergePatch {
    /// Applies `patch` to `original` using the list semantics of `schema`.
    public static func apply(_ patch: JSONValue, to original: JSONValue, schema: StrategicMergeSchema)
        throws(PatchError) -> JSONValue
    {
        guard case .object(let members) = patch else {
            throw PatchError(.malformed, .invalidDocument, "invalid JSON document")
        }
        let merger = StrategicMerger(schema: schema)
        return .object(try merger.mergeMap(original.objectValue ?? [:], members, path: []))
    }
}

/// The recursive merge behind `StrategicMergePatch`.
struct StrategicMerger {
    static let directiveKey = "$patch"
    static let retainKeysKey = "$retainKeys"
    static let setElementOrderPrefix = "$setElementOrder/"
    static let deleteFromPrimitiveListPrefix = "$deleteFromPrimitiveList/"

    let schema: StrategicMergeSchema

    /// Merges a patch map into an original map at schema `path`.
    func mergeMap(_ original: [String: JSONValue], _ patch: [String: JSONValue], path: [String])
        throws(PatchError) -> [String: JSONValue]
    {
        var patch = patch
        if let directive = patch.removeValue(forKey: Self.directiveKey) {
            switch directive.stringValue {
            case "replace": return try mergeMap([:], patch, path: path)
            case "delete": return [:]
            case "merge": break
            default: throw Self.badDirective(directive)
            }
        }
        var result = original
        if let retainKeys = patch.removeValue(forKey: Self.retainKeysKey) {
            try Self.retain(retainKeys, patch: patch, in: &result)
        }
        var orders: [String: [JSONValue]] = [:]
        var deletions: [String: [JSONValue]] = [:]
        var fields: [String: JSONValue] = [:]
        for (key, value) in patch {
            if let field = Self.field(of: key, prefix: Self.setElementOrderPrefix) {
                guard case .array(let order) = value else {
                    throw PatchError(.malformed, .invalidDirective, "invalid patch format of setElementOrder list")
                }
                orders[field] = order
            } else if let field = Self.field(of: key, prefix: Self.deleteFromPrimitiveListPrefix) {
                guard case .array(let doomed) = value else {
                    throw PatchError(.malformed, .invalidDirective, "invalid patch format of primitive list")
                }
                deletions[field] = doomed
            } else {
                fields[key] = value
            }
        }
        for (field, order) in orders {
            let patchList = fields[field]
            if let patchList, patchList.arrayValue == nil { continue }
            fields.removeValue(forKey: field)
            let merged = try mergeOrderedList(
                result[field]?.arrayValue, patchList?.arrayValue, order: order, path: path + [field])
            if let merged { result[field] = .array(merged) }
        }
        for (field, doomed) in deletions {
            guard case .array(let items)? = result[field] else { continue }
            result[field] = .array(items.filter { !doomed.containsSemantically($0) })
        }
        for (key, value) in fields {
            result[key] = value == .null ? nil : try mergeValue(result[key], value, path: path + [key])
        }
        return result
    }

    /// Merges one patch value; `nil` means the field is dropped.
    private func mergeValue(_ original: JSONValue?, _ patch: JSONValue, path: [String]) throws(PatchError)
        -> JSONValue?
    {
        switch patch {
        case .object(let members):
            if case .object(let existing)? = original {
                return .object(try mergeMap(existing, members, path: path))
            }
            if members[Self.directiveKey] == "delete" { return nil }
            return .object(try mergeMap([:], members, path: path))
        case .array(let items):
            return .array(try mergeList(original?.arrayValue ?? [], items, path: path))
        default:
            return patch
        }
    }

    /// `$retainKeys`: drops original keys not listed; the patch may only set listed keys.
    private static func retain(_ directive: JSONValue, patch: [String: JSONValue], in result: inout [String: JSONValue])
        throws(PatchError)
    {
        let invalid = PatchError(.malformed, .invalidDirective, "invalid patch format of retainKeys")
        guard case .array(let items) = directive else { throw invalid }
        let keep = Set(items.compactMap(\.stringValue))
        guard keep.count == Set(items).count else { throw invalid }
        for (key, value) in patch where value != .null && !keep.contains(key) {
            if field(of: key, prefix: setElementOrderPrefix) != nil { continue }
            if field(of: key, prefix: deleteFromPrimitiveListPrefix) != nil { continue }
            throw invalid
        }
        result = result.filter { keep.contains($0.key) }
    }

    static func field(of key: String, prefix: String) -> String? {
        key.hasPrefix(prefix) ? String(key.dropFirst(prefix.count)) : nil
    }

    static func badDirective(_ directive: JSONValue) -> PatchError {
        let text = directive.stringValue ?? directive.typeName
        return PatchError(.malformed, .invalidDirective, "unknown patch type: \(text)")
    }
}
