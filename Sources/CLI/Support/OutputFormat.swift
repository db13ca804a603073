import ArgumentParser
import Foundation
import KubeModel
import KubeYAML

/// -o table | json | yaml.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    case table
    case json
    case yaml
    case name
}

/// Renders objects as aligned columns (kubectl's style), JSON or YAML.
enum ObjectPrinter {
    static func table(headers: [String], rows: [[String]]) -> String {
        var widths = headers.map(\.count)
        for row in rows {
            for (index, cell) in row.enumerated() where index < widths.count { widths[index] = max(widths[index], cell.count) }
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { index, cell in
                index == cells.count - 1 ? cell : cell.padding(toLength: widths[index] + 3, withPad: " ", startingAt: 0)
            }.joined()
        }
        return ([line(headers)] + rows.map(line)).joined(separator: "\n") + "\n"
    }

    /// One object, or a List of several, as JSON or YAML.
    static func document<R: KubernetesResource>(_ objects: [R], format: OutputFormat, single: Bool) throws -> String {
        let values = try objects.map { object -> JSONValue in
            var object = object
            object.fillTypeMeta()
            var value = try JSONValue(encoding: object)
            value["metadata"]?["managedFields"] = nil
            return value
        }
        let document: JSONValue =
            single && values.count == 1 ? values[0] : ["apiVersion": "v1", "kind": "List", "items": .array(values), "metadata": [:]]
        switch format {
        case .yaml: return try YAMLWriter.render(document)
        default: return pretty(document)
        }
    }

    /// Indented JSON with sorted keys.
    static func pretty(_ value: JSONValue) -> String {
        let compact = value.serializedJSON()
        guard let object = try? JSONSerialization.jsonObject(with: compact, options: [.fragmentsAllowed]),
            let data = try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        else { return String(decoding: compact, as: UTF8.self) + "\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
