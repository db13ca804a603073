import KubeModel

extension JSONValue {
    /// The value at a managed field path, or `nil` when absent.
    func value(at path: some Collection<PathElement>) -> JSONValue? {
        guard let step = path.first else { return self }
        switch (self, step) {
        case (.object(let members), .field(let name)):
            return members[name]?.value(at: path.dropFirst())
        case (.array(let items), _):
            guard let index = Self.position(of: step, in: items) else { return nil }
            return items[index].value(at: path.dropFirst())
        default:
            return nil
        }
    }

    /// Removes the value at `path`; returns whether something was removed.
    @discardableResult
    mutating func removeValue(at path: ArraySlice<PathElement>) -> Bool {
        guard let step = path.first else { return false }
        let rest = path.dropFirst()
        switch (self, step) {
        case (.object(var members), .field(let name)):
            guard var child = members[name] else { return false }
            self = .null
            let removed: Bool
            if rest.isEmpty {
                members.removeValue(forKey: name)
                removed = true
            } else {
                removed = child.removeValue(at: rest)
                members[name] = child
            }
            self = .object(members)
            return removed
        case (.array(var items), _):
            guard let index = Self.position(of: step, in: items) else { return false }
            self = .null
            let removed: Bool
            if rest.isEmpty {
                items.remove(at: index)
                removed = true
            } else {
                removed = items[index].removeValue(at: rest)
            }
            self = .array(items)
            return removed
        default:
            return false
        }
    }

    /// The index of the list element a path element names.
    private static func position(of step: PathElement, in items: [JSONValue]) -> Int? {
        switch step {
        case .field:
            return nil
        case .index(let index):
            return items.indices.contains(index) ? index : nil
        case .value(let value):
            return items.firstIndex { $0.isSemanticallyEqual(to: value) }
        case .key(let key):
            return items.firstIndex { item in
                key.allSatisfy { name, value in item[name]?.isSemanticallyEqual(to: value) == true }
            }
        }
    }
}
