import KubeModel

extension StrategicMerger {
    /// Merges a patch list into an original list at schema `path`.
    func mergeList(_ original: [JSONValue], _ patch: [JSONValue], path: [String]) throws(PatchError) -> [JSONValue] {
        let type = schema.listType(at: path)
        guard type != .atomic else { return patch }
        guard try Self.holdsObjects(original + patch) else {
            var merged: [JSONValue] = []
            for item in original + patch where !merged.containsSemantically(item) {
                merged.append(item)
            }
            return Self.order(merged, patchOrder: patch, serverOrder: original, key: nil)
        }
        guard let key = type.mergeKey else {
            throw PatchError(
                .unprocessable, .missingMergeKey,
                "cannot merge lists without merge key for \(path.joined(separator: "."))")
        }
        return try mergeObjectList(original, patch, key: key, path: path)
    }

    /// Merges lists of objects by `key`, honouring `$patch` elements.
    private func mergeObjectList(_ original: [JSONValue], _ patch: [JSONValue], key: String, path: [String])
        throws(PatchError) -> [JSONValue]
    {
        var base = original
        var items: [[String: JSONValue]] = []
        var replace = false
        for case .object(var members) in patch {
            guard let directive = members[Self.directiveKey] else {
                items.append(members)
                continue
            }
            switch directive.stringValue {
            case "delete":
                guard let value = members[key] else { throw Self.missingKey(key, path: path) }
                base.removeAll { $0[key]?.isSemanticallyEqual(to: value) == true }
            case "replace":
                replace = true
            case "merge":
                members.removeValue(forKey: Self.directiveKey)
                items.append(members)
            default:
                throw Self.badDirective(directive)
            }
        }
        if replace {
            var replaced: [JSONValue] = []
            for item in items {
                replaced.append(.object(try mergeMap([:], item, path: path)))
            }
            return replaced
        }
        var merged = base
        for item in items {
            guard let value = item[key] else { throw Self.missingKey(key, path: path) }
            if let index = merged.firstIndex(where: { $0[key]?.isSemanticallyEqual(to: value) == true }),
                case .object(let existing) = merged[index]
            {
                merged[index] = .object(try mergeMap(existing, item, path: path))
            } else {
                merged.append(.object(try mergeMap([:], item, path: path)))
            }
        }
        return Self.order(merged, patchOrder: items.map(JSONValue.object), serverOrder: base, key: key)
    }

    /// Merges a list that has a `$setElementOrder` directive and sorts it by that order.
    func mergeOrderedList(_ original: [JSONValue]?, _ patch: [JSONValue]?, order: [JSONValue], path: [String])
        throws(PatchError) -> [JSONValue]?
    {
        let merged: [JSONValue]
        switch (original, patch) {
        case (nil, nil): return nil
        case (let original?, nil): merged = original
        case (let original, let patch?): merged = try mergeList(original ?? [], patch, path: path)
        }
        let type = schema.listType(at: path)
        guard type != .atomic else { return merged }
        var key: String?
        if try Self.holdsObjects(merged) {
            guard let mergeKey = type.mergeKey else { return merged }
            key = mergeKey
        }
        for item in patch ?? [] where item[Self.directiveKey] == nil {
            guard Self.position(of: item, in: order, key: key) != nil else {
                throw PatchError(
                    .malformed, .invalidDirective,
                    "the order in patch list doesn't match $setElementOrder list for \(path.joined(separator: "."))")
            }
        }
        return Self.order(merged, patchOrder: order, serverOrder: original ?? [], key: key)
    }

    /// Kubernetes' element order: items named in `patchOrder` follow that
    /// order; the others keep their order in `serverOrder` and are
    /// interleaved where the server order allows.
    static func order(_ merged: [JSONValue], patchOrder: [JSONValue], serverOrder: [JSONValue], key: String?)
        -> [JSONValue]
    {
        var patchItems: [JSONValue] = []
        var serverOnly: [JSONValue] = []
        for item in merged {
            if position(of: item, in: patchOrder, key: key) != nil {
                patchItems.append(item)
            } else {
                serverOnly.append(item)
            }
        }
        let right = stableSorted(patchItems) { position(of: $0, in: patchOrder, key: key) }
        let left = stableSorted(serverOnly) { position(of: $0, in: serverOrder, key: key) }
        var result: [JSONValue] = []
        var (i, j) = (0, 0)
        while i < left.count || j < right.count {
            guard i < left.count else {
                result.append(right[j])
                j += 1
                continue
            }
            guard j < right.count else {
                result.append(left[i])
                i += 1
                continue
            }
            if let l = position(of: left[i], in: serverOrder, key: key),
                let r = position(of: right[j], in: serverOrder, key: key), l < r
            {
                result.append(left[i])
                i += 1
            } else {
                result.append(right[j])
                j += 1
            }
        }
        return result
    }

    /// Index of the element with the same identity (merge key value or scalar).
    static func position(of item: JSONValue, in list: [JSONValue], key: String?) -> Int? {
        func identity(_ value: JSONValue) -> JSONValue? {
            guard let key else { return value }
            return value[key]
        }
        guard let wanted = identity(item) else { return nil }
        return list.firstIndex { identity($0)?.isSemanticallyEqual(to: wanted) == true }
    }

    private static func stableSorted(_ items: [JSONValue], by rank: (JSONValue) -> Int?) -> [JSONValue] {
        items.enumerated()
            .map { (rank: rank($0.element) ?? Int.max, offset: $0.offset, element: $0.element) }
            .sorted { ($0.rank, $0.offset) < ($1.rank, $1.offset) }
            .map(\.element)
    }

    /// Whether the elements are objects; throws for lists of lists or mixed kinds.
    static func holdsObjects(_ items: [JSONValue]) throws(PatchError) -> Bool {
        var sawObject = false
        var sawScalar = false
        for item in items {
            switch item {
            case .array:
                throw PatchError(.unprocessable, .invalidListElement, "lists of lists are not supported")
            case .object: sawObject = true
            default: sawScalar = true
            }
        }
        guard !(sawObject && sawScalar) else {
            throw PatchError(.unprocessable, .invalidListElement, "list element types are not identical")
        }
        return sawObject
    }

    private static func missingKey(_ key: String, path: [String]) -> PatchError {
        PatchError(
            .unprocessable, .missingMergeKey,
            "an element of \(path.joined(separator: ".")) does not contain declared merge key: \(key)")
    }
}
