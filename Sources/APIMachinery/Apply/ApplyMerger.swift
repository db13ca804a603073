import KubeModel

/// Merges an applied configuration into the live object, as
/// structured-merge-diff does: objects merge, scalars and atomic lists are
/// replaced, set and map lists merge by element identity.
struct ApplyMerger {
    let schema: StrategicMergeSchema

    /// `config` merged over `live`; `null` members of `config` delete.
    func merge(live: JSONValue?, config: JSONValue, schemaPath: [String]) -> JSONValue {
        switch config {
        case .object(let members):
            var result = live?.objectValue ?? [:]
            for (name, value) in members {
                result[name] =
                    value == .null ? nil : merge(live: result[name], config: value, schemaPath: schemaPath + [name])
            }
            return .object(result)
        case .array(let items):
            return .array(mergeList(live: live?.arrayValue ?? [], config: items, schemaPath: schemaPath))
        default:
            return config
        }
    }

    private func mergeList(live: [JSONValue], config: [JSONValue], schemaPath: [String]) -> [JSONValue] {
        let type = schema.listType(at: schemaPath)
        guard let configIDs = identities(config, type), let liveIDs = identities(live, type) else { return config }
        let merge = { (live: JSONValue?, config: JSONValue) in
            self.merge(live: live, config: config, schemaPath: schemaPath)
        }
        return Self.mergeOrdered(
            live: Array(zip(liveIDs, live)), config: Array(zip(configIDs, config)), merge: merge)
    }

    /// Element identities, or `nil` when the list is atomic (or cannot be keyed).
    private func identities(_ items: [JSONValue], _ type: StrategicMergeSchema.ListType) -> [PathElement]? {
        switch type {
        case .atomic:
            return nil
        case .set:
            guard items.allSatisfy({ $0.arrayValue == nil && $0.objectValue == nil }) else { return nil }
            return items.map { .value($0.normalizedNumbers) }
        case .map(let keys):
            var result: [PathElement] = []
            for item in items {
                guard let element = PathElement.keyElement(of: item, keys: keys) else { return nil }
                result.append(element)
            }
            return result
        }
    }

    /// Structured-merge-diff's list order: shared elements follow the
    /// configuration's order, live-only elements keep their place, new
    /// elements go where the configuration puts them.
    private static func mergeOrdered(
        live: [(id: PathElement, value: JSONValue)], config: [(id: PathElement, value: JSONValue)],
        merge: (JSONValue?, JSONValue) -> JSONValue
    ) -> [JSONValue] {
        let configIDs = Set(config.map(\.id))
        var liveByID: [PathElement: JSONValue] = [:]
        for (id, value) in live where liveByID[id] == nil {
            liveByID[id] = value
        }
        var shared = config.map(\.id).filter { liveByID[$0] != nil }[...]
        var nextShared = shared.popFirst()
        var merged: Set<PathElement> = []
        var result: [JSONValue] = []
        var (l, r) = (0, 0)
        while l < live.count || r < config.count {
            if l < live.count, r < config.count {
                let id = live[l].id
                if id == config[r].id {
                    merged.insert(id)
                    result.append(merge(liveByID[id], config[r].value))
                    (l, r) = (l + 1, r + 1)
                    nextShared = shared.popFirst()
                    continue
                }
                if configIDs.contains(id), let next = nextShared, next != id {
                    l += 1
                    continue
                }
            }
            if l < live.count {
                let id = live[l].id
                if !configIDs.contains(id) {
                    result.append(live[l].value)
                    l += 1
                    continue
                }
                if merged.contains(id) {
                    l += 1
                    continue
                }
            }
            if r < config.count {
                let id = config[r].id
                merged.insert(id)
                result.append(merge(liveByID[id], config[r].value))
                r += 1
                if nextShared == id { nextShared = shared.popFirst() }
            }
        }
        return result
    }
}
