import KubeModel

/// A set of field paths: what one manager owns, serialized as FieldsV1.
public struct FieldSet: Sendable, Hashable {
    /// The paths in the set. A path to a list element or an object means the
    /// element itself (FieldsV1 `"."`); its fields are separate paths.
    public private(set) var paths: Set<[PathElement]>

    /// The empty set.
    public init() {
        self.paths = []
    }

    /// A set holding `paths`.
    public init(_ paths: some Sequence<[PathElement]>) {
        self.paths = Set(paths)
    }

    /// Decodes FieldsV1 (`{"f:metadata":{"f:labels":{"f:app":{}}}}`); unknown
    /// member names are skipped.
    public init(fieldsV1: JSONValue) {
        var paths: Set<[PathElement]> = []
        Self.decode(fieldsV1, prefix: [], into: &paths)
        self.paths = paths
    }

    /// The FieldsV1 form of the set.
    public var fieldsV1: JSONValue {
        Self.encode(Array(paths), depth: 0)
    }

    /// Whether the set holds no path.
    public var isEmpty: Bool { paths.isEmpty }

    /// The paths in structured-merge-diff order.
    public var sortedPaths: [[PathElement]] {
        paths.sorted { $0.lexicographicallyPrecedes($1) }
    }

    /// Whether the set holds exactly `path`.
    public func contains(_ path: [PathElement]) -> Bool {
        paths.contains(path)
    }

    /// Whether the set holds `path` or any path below it.
    public func covers(_ path: [PathElement]) -> Bool {
        paths.contains { $0.starts(with: path) }
    }

    /// Paths in either set.
    public func union(_ other: FieldSet) -> FieldSet {
        FieldSet(paths.union(other.paths))
    }

    /// Paths in this set but not in `other`.
    public func subtracting(_ other: FieldSet) -> FieldSet {
        FieldSet(paths.subtracting(other.paths))
    }

    /// Paths in both sets.
    public func intersection(_ other: FieldSet) -> FieldSet {
        FieldSet(paths.intersection(other.paths))
    }

    /// The paths for which `isIncluded` holds.
    public func filter(_ isIncluded: ([PathElement]) -> Bool) -> FieldSet {
        FieldSet(paths.filter(isIncluded))
    }

    /// Adds the paths of `other`.
    public mutating func formUnion(_ other: FieldSet) {
        paths.formUnion(other.paths)
    }

    /// Removes the paths of `other`.
    public mutating func subtract(_ other: FieldSet) {
        paths.subtract(other.paths)
    }

    private static func decode(_ node: JSONValue, prefix: [PathElement], into paths: inout Set<[PathElement]>) {
        guard case .object(let members) = node else { return }
        if members.isEmpty, !prefix.isEmpty {
            paths.insert(prefix)
            return
        }
        for (name, child) in members {
            if name == "." {
                if !prefix.isEmpty { paths.insert(prefix) }
            } else if let element = PathElement(fieldsV1Key: name) {
                decode(child, prefix: prefix + [element], into: &paths)
            }
        }
    }

    private static func encode(_ paths: [[PathElement]], depth: Int) -> JSONValue {
        var groups: [PathElement: [[PathElement]]] = [:]
        var isMember = false
        for path in paths {
            if path.count > depth {
                groups[path[depth], default: []].append(path)
            } else {
                isMember = true
            }
        }
        var members: [String: JSONValue] = [:]
        for (element, group) in groups {
            members[element.fieldsV1Key] = encode(group, depth: depth + 1)
        }
        if isMember, depth > 0, !members.isEmpty {
            members["."] = .object([:])
        }
        return .object(members)
    }
}
