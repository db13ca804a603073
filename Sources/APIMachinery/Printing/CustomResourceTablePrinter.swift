import Foundation
import KubeModel

/// Custom resources: Name, then the CRD version's additionalPrinterColumns
/// (or Age when it lists none), as the apiextensions server's table convertor.
extension ResourceTablePrinter {
    /// What a CRD version without additionalPrinterColumns prints after Name.
    public static let defaultCustomResourceColumns = [
        CustomResourceColumnDefinition(
            name: "Age", type: "date", jsonPath: ".metadata.creationTimestamp",
            description: TableColumns.creationTimestampDescription)
    ]

    /// The printer for a CRD's served version; Name/Age when the version is unknown.
    public static func customResource(_ definition: CustomResourceDefinition, version: String) -> ResourceTablePrinter {
        let columns = definition.spec.versions.first { $0.name == version }?.additionalPrinterColumns ?? []
        return customResource(columns: columns)
    }

    /// Name followed by the given columns (the default Age column when empty).
    /// A JSONPath outside `SimpleJSONPath`'s subset yields null cells.
    public static func customResource(columns: [CustomResourceColumnDefinition]) -> ResourceTablePrinter {
        let effective = columns.isEmpty ? defaultCustomResourceColumns : columns
        let definitions =
            [TableColumns.name]
            + effective.map { column in
                let description = column.description.flatMap { $0.isEmpty ? nil : $0 }
                return TableColumnDefinition(
                    name: column.name, type: column.type, format: column.format ?? "",
                    description: description
                        ?? "Custom resource definition column (in JSONPath format): \(column.jsonPath)",
                    priority: column.priority ?? 0)
            }
        let paths = effective.map { (try? SimpleJSONPath($0.jsonPath), $0.type) }
        return ResourceTablePrinter(columns: definitions) { object, now in
            var cells = [TableColumns.name(of: object)]
            for (path, type) in paths {
                guard let path, let value = path.evaluate(object).first else {
                    cells.append(.null)
                    continue
                }
                cells.append(cell(value, type: type, now: now))
            }
            return Row(cells: cells)
        }
    }

    /// `cellForJSONValue`, with string columns printed as JSONPath prints values.
    static func cell(_ value: JSONValue, type: String, now: Date) -> JSONValue {
        switch (type, value) {
        case (_, .null): return .null
        case ("string", _): return GoValueText.text(of: value).map(JSONValue.string) ?? .null
        case ("integer", .integer): return value
        case ("integer", .number(let number)):
            return abs(number) < 9.2e18 ? .integer(Int64(number)) : .null
        case ("number", .integer(let number)): return .number(Double(number))
        case ("number", .number): return value
        case ("boolean", .bool): return value
        case ("date", .string(let text)):
            if text.isEmpty || text == "null" { return "<unknown>" }
            guard let date = RFC3339.parse(text) else { return "<invalid>" }
            return .string(HumanDuration.since(date, now: now))
        default: return .null
        }
    }
}

/// How Go's JSONPath printer renders a value: scalars as `fmt.Print` does
/// (floats in `%v` form, e.g. `1.5`, `1e-05`), maps and lists as compact JSON.
enum GoValueText {
    static func text(of value: JSONValue) -> String? {
        switch value {
        case .null: return nil
        case .string(let text): return text
        case .bool(let flag): return flag ? "true" : "false"
        case .integer(let number): return String(number)
        case .number(let number): return float(number)
        case .array, .object:
            return (try? value.canonicalJSON()).map { String(decoding: $0, as: UTF8.self) }
        }
    }

    /// `strconv.FormatFloat(v, 'g', -1, 64)`: shortest digits, exponent form
    /// when the exponent is below -4 or at least 6.
    static func float(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value < 0 ? "-Inf" : "+Inf") }
        if value == 0 { return value.sign == .minus ? "-0" : "0" }
        // Swift's description is also shortest round-trip; re-lay its digits.
        let text = "\(abs(value))"
        let parts = text.lowercased().split(separator: "e", maxSplits: 1)
        var exponentShift = parts.count == 2 ? Int(parts[1]) ?? 0 : 0
        let mantissa = parts[0].split(separator: ".", maxSplits: 1)
        let integerPart = String(mantissa[0])
        let fractionPart = mantissa.count == 2 ? String(mantissa[1]) : ""
        var digits = Array(integerPart + fractionPart)
        var pointPosition = integerPart.count + exponentShift
        while digits.first == "0" {
            digits.removeFirst()
            pointPosition -= 1
        }
        while digits.last == "0" { digits.removeLast() }
        guard !digits.isEmpty else { return "0" }
        exponentShift = pointPosition - 1
        let sign = value < 0 ? "-" : ""
        if exponentShift < -4 || exponentShift >= 6 {
            var result = String(digits[0])
            if digits.count > 1 { result += "." + String(digits[1...]) }
            let magnitude = abs(exponentShift)
            return sign + result + "e" + (exponentShift < 0 ? "-" : "+") + (magnitude < 10 ? "0" : "") + String(magnitude)
        }
        if pointPosition <= 0 {
            return sign + "0." + String(repeating: "0", count: -pointPosition) + String(digits)
        }
        if pointPosition >= digits.count {
            return sign + String(digits) + String(repeating: "0", count: pointPosition - digits.count)
        }
        return sign + String(digits[..<pointPosition]) + "." + String(digits[pointPosition...])
    }
}
