import KubeModel

extension FieldSet {
    /// The fields an object sets: scalars, nulls, empty objects and atomic
    /// lists, plus each element (and its fields) of set and map lists.
    ///
    /// When `strict`, a map-list element without key fields or with a
    /// duplicate key throws; otherwise such a list is owned atomically.
    init(of object: JSONValue, schema: StrategicMergeSchema, strict: Bool) throws(ApplyError) {
        var collector = FieldCollector(schema: schema, strict: strict)
        try collector.visit(object, path: [], schemaPath: [])
        self.init(collector.paths)
    }
}

/// Walks an object collecting field paths.
private struct FieldCollector {
    let schema: StrategicMergeSchema
    let strict: Bool
    var paths: Set<[PathElement]> = []

    mutating func visit(_ value: JSONValue, path: [PathElement], schemaPath: [String]) throws(ApplyError) {
        switch value {
        case .object(let members):
            if members.isEmpty, !path.isEmpty { paths.insert(path) }
            for (name, child) in members {
                try visit(child, path: path + [.field(name)], schemaPath: schemaPath + [name])
            }
        case .array(let items):
            try visitList(items, path: path, schemaPath: schemaPath)
        default:
            paths.insert(path)
        }
    }

    private mutating func visitList(_ items: [JSONValue], path: [PathElement], schemaPath: [String])
        throws(ApplyError)
    {
        switch schema.listType(at: schemaPath) {
        case .atomic:
            paths.insert(path)
        case .set:
            guard items.allSatisfy({ $0.arrayValue == nil && $0.objectValue == nil }) else {
                paths.insert(path)
                return
            }
            for item in items {
                paths.insert(path + [.value(item.normalizedNumbers)])
            }
        case .map(let keys):
            var elements: [(element: PathElement, item: JSONValue)] = []
            var seen: Set<PathElement> = []
            for item in items {
                guard let element = PathElement.keyElement(of: item, keys: keys) else {
                    guard !strict else { throw ApplyError.missingKey(keys, path: path) }
                    paths.insert(path)
                    return
                }
                if !seen.insert(element).inserted, strict {
                    throw ApplyError(
                        .invalidListElement,
                        "\(path.fieldPathDescription): duplicate entries for key \(element.description)")
                }
                elements.append((element, item))
            }
            for (element, item) in elements {
                paths.insert(path + [element])
                try visit(item, path: path + [element], schemaPath: schemaPath)
            }
        }
    }
}
