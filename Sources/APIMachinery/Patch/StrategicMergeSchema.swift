import KubeModel

/// How the lists of a kind merge, per field path: the `patchStrategy` /
/// `patchMergeKey` tags of the Go types, and the list types server-side apply
/// uses (`x-kubernetes-list-type`, `x-kubernetes-list-map-keys`).
///
/// Paths are field names from the object root; list elements add no
/// component, so the env of any container is `spec.containers.env`.
/// Lists without an entry are atomic: a patch replaces them whole.
public struct StrategicMergeSchema: Sendable, Hashable {
    /// How one list merges.
    public enum ListType: Sendable, Hashable {
        /// Replaced whole (strategic merge) and owned whole (apply).
        case atomic
        /// A list of scalars merged as a set (e.g. `metadata.finalizers`).
        case set
        /// A list of objects merged by key fields. The first key is the
        /// strategic merge key; apply identifies elements by all present keys.
        case map(keys: [String])

        /// The strategic merge patch merge key, if the list merges by key.
        public var mergeKey: String? {
            if case .map(let keys) = self { keys.first } else { nil }
        }
    }

    /// The list types by field path.
    public private(set) var lists: [[String]: ListType]

    /// A schema from dotted paths (`"spec.containers"`) to list types.
    public init(lists: [String: ListType] = [:]) {
        var byPath: [[String]: ListType] = [:]
        for (path, type) in lists {
            byPath[path.split(separator: ".").map(String.init)] = type
        }
        self.lists = byPath
    }

    /// A schema in which every list is atomic.
    public static let empty = StrategicMergeSchema()

    /// The list type at `path`; `.atomic` when the schema says nothing.
    public func listType(at path: [String]) -> ListType {
        lists[path] ?? .atomic
    }

    /// Sets the list type at `path`.
    public mutating func setListType(_ type: ListType, at path: [String]) {
        lists[path] = type
    }

    /// This schema with `other`'s entries added (`other` wins on overlap).
    public func merging(_ other: StrategicMergeSchema) -> StrategicMergeSchema {
        var result = self
        result.lists.merge(other.lists) { _, new in new }
        return result
    }
}
