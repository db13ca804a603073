import Foundation
import Synchronization

/// Applies a CRD's structural schema to an object the way the API server does:
/// prune unknown fields, apply defaults, then validate.
public struct StructuralSchema: Sendable {
    public let root: JSONSchemaProps

    public init(_ root: JSONSchemaProps) { self.root = root }

    /// Prunes, defaults and validates `object` in place; returns every violation.
    public func admit(_ object: inout JSONValue) -> [FieldError] {
        prune(&object)
        applyDefaults(&object)
        return validate(object)
    }

    // MARK: Pruning

    /// Drops fields the schema does not declare, unless it preserves unknown fields.
    /// `apiVersion`, `kind` and `metadata` at the root are the server's concern.
    public func prune(_ object: inout JSONValue) {
        Self.prune(&object, schema: root, isRoot: true)
    }

    private static func prune(_ value: inout JSONValue, schema: JSONSchemaProps, isRoot: Bool = false) {
        switch value {
        case .object(var members):
            if schema.xPreserveUnknownFields == true && schema.properties.isEmpty && schema.additionalProperties == nil {
                return
            }
            for key in Array(members.keys) {
                if isRoot && (key == "apiVersion" || key == "kind" || key == "metadata") { continue }
                if let child = schema.properties[key] {
                    Self.prune(&members[key, default: .null], schema: child)
                } else if case .schema(let valueSchema) = schema.additionalProperties {
                    Self.prune(&members[key, default: .null], schema: valueSchema)
                } else if schema.additionalProperties == .bool(true) || schema.xPreserveUnknownFields == true {
                    continue
                } else {
                    members[key] = nil
                }
            }
            value = .object(members)
        case .array(var elements):
            guard let itemSchema = schema.items else { return }
            for index in elements.indices { Self.prune(&elements[index], schema: itemSchema) }
            value = .array(elements)
        default:
            return
        }
    }

    // MARK: Defaulting

    public func applyDefaults(_ object: inout JSONValue) {
        Self.applyDefaults(&object, schema: root)
    }

    private static func applyDefaults(_ value: inout JSONValue, schema: JSONSchemaProps) {
        switch value {
        case .object(var members):
            for (key, child) in schema.properties {
                if members[key] == nil, let defaultValue = child.default {
                    members[key] = defaultValue
                }
                if members[key] != nil {
                    Self.applyDefaults(&members[key, default: .null], schema: child)
                }
            }
            if case .schema(let valueSchema) = schema.additionalProperties {
                for key in members.keys where schema.properties[key] == nil {
                    Self.applyDefaults(&members[key, default: .null], schema: valueSchema)
                }
            }
            value = .object(members)
        case .array(var elements):
            guard let itemSchema = schema.items else { return }
            for index in elements.indices { Self.applyDefaults(&elements[index], schema: itemSchema) }
            value = .array(elements)
        default:
            return
        }
    }

    // MARK: Validation

    public func validate(_ object: JSONValue) -> [FieldError] {
        var errors: [FieldError] = []
        guard case .object(let members) = object else {
            return [FieldError(.typeInvalid, "<root>", "must be of type object")]
        }
        for (key, child) in root.properties where key != "metadata" {
            if let member = members[key] { Self.validate(member, schema: child, path: key, into: &errors) }
        }
        for key in root.required where members[key] == nil {
            errors.append(.required(key))
        }
        return errors
    }

    static func validate(_ value: JSONValue, schema: JSONSchemaProps, path: String, into errors: inout [FieldError]) {
        if value == .null {
            if schema.nullable != true {
                errors.append(FieldError(.typeInvalid, path, "Invalid value: \"null\": \(path) in body must be of type \(schema.type ?? "object"): \"null\""))
            }
            return
        }
        if schema.xIntOrString == true {
            switch value {
            case .integer, .string: break
            case .number(let number) where number.rounded() == number: break
            default:
                errors.append(typeError(path, expected: "integer or string", value: value))
                return
            }
        } else if let type = schema.type, !matches(value, type: type) {
            errors.append(typeError(path, expected: type, value: value))
            return
        }
        if !schema.enum.isEmpty, !schema.enum.contains(where: { equalJSON($0, value) }) {
            errors.append(.notSupported(path, value: render(value), supported: schema.enum.map(render)))
        }
        switch value {
        case .string(let text):
            validateString(text, schema: schema, path: path, into: &errors)
        case .integer, .number:
            validateNumber(value.numberValue ?? 0, schema: schema, path: path, into: &errors)
        case .array(let elements):
            if let maxItems = schema.maxItems, elements.count > maxItems {
                errors.append(FieldError(.tooLong, path, "Too many: \(elements.count): must have at most \(maxItems) items"))
            }
            if let minItems = schema.minItems, elements.count < minItems {
                errors.append(.invalid(path, "Invalid value: \(elements.count): \(path) in body should have at least \(minItems) items"))
            }
            if let itemSchema = schema.items {
                for (index, element) in elements.enumerated() {
                    validate(element, schema: itemSchema, path: "\(path)[\(index)]", into: &errors)
                }
            }
        case .object(let members):
            for key in schema.required where members[key] == nil {
                errors.append(.required("\(path).\(key)"))
            }
            for (key, member) in members {
                if let child = schema.properties[key] {
                    validate(member, schema: child, path: "\(path).\(key)", into: &errors)
                } else if case .schema(let valueSchema) = schema.additionalProperties {
                    validate(member, schema: valueSchema, path: "\(path).\(key)", into: &errors)
                }
            }
        default:
            break
        }
    }

    private static func validateString(_ text: String, schema: JSONSchemaProps, path: String, into errors: inout [FieldError]) {
        let length = Int64(text.count)
        if let maxLength = schema.maxLength, length > maxLength {
            errors.append(FieldError(.tooLong, path, "Too long: may not be more than \(maxLength) bytes"))
        }
        if let minLength = schema.minLength, length < minLength {
            errors.append(.invalid(path, "Invalid value: \"\(text)\": \(path) in body should be at least \(minLength) chars long"))
        }
        if let pattern = schema.pattern, !PatternCache.shared.matches(text, pattern: pattern) {
            errors.append(.invalid(path, "Invalid value: \"\(text)\": \(path) in body should match '\(pattern)'"))
        }
        if schema.format == "date-time", RFC3339.parse(text) == nil {
            errors.append(.invalid(path, "Invalid value: \"\(text)\": \(path) in body must be of type date-time: \"\(text)\""))
        }
    }

    private static func validateNumber(_ number: Double, schema: JSONSchemaProps, path: String, into errors: inout [FieldError]) {
        if let minimum = schema.minimum {
            let below = schema.exclusiveMinimum == true ? number <= minimum : number < minimum
            if below {
                errors.append(.invalid(path, "Invalid value: \(render(number)): \(path) in body should be greater than or equal to \(render(minimum))"))
            }
        }
        if let maximum = schema.maximum {
            let above = schema.exclusiveMaximum == true ? number >= maximum : number > maximum
            if above {
                errors.append(.invalid(path, "Invalid value: \(render(number)): \(path) in body should be less than or equal to \(render(maximum))"))
            }
        }
    }

    private static func matches(_ value: JSONValue, type: String) -> Bool {
        switch (type, value) {
        case ("string", .string), ("boolean", .bool), ("object", .object), ("array", .array): true
        case ("integer", .integer): true
        case ("integer", .number(let number)): number.rounded() == number
        case ("number", .integer), ("number", .number): true
        default: false
        }
    }

    private static func typeError(_ path: String, expected: String, value: JSONValue) -> FieldError {
        FieldError(.typeInvalid, path, "Invalid value: \"\(value.typeName)\": \(path) in body must be of type \(expected): \"\(value.typeName)\"")
    }

    private static func equalJSON(_ lhs: JSONValue, _ rhs: JSONValue) -> Bool {
        if let left = lhs.numberValue, let right = rhs.numberValue { return left == right }
        return lhs == rhs
    }

    static func render(_ value: JSONValue) -> String {
        switch value {
        case .string(let text): text
        case .integer(let number): String(number)
        case .number(let number): render(number)
        case .bool(let flag): String(flag)
        default: value.typeName
        }
    }

    static func render(_ number: Double) -> String {
        number.rounded() == number && abs(number) < 9e15 ? String(Int64(number)) : String(number)
    }
}

/// Compiled schema patterns, shared; patterns come from a handful of CRDs.
final class PatternCache: Sendable {
    static let shared = PatternCache()
    private let cache = Mutex<[String: NSRegularExpression?]>([:])

    func matches(_ text: String, pattern: String) -> Bool {
        let expression = cache.withLock { cache in
            if let cached = cache[pattern] { return cached }
            let compiled = try? NSRegularExpression(pattern: pattern)
            cache[pattern] = compiled
            return compiled
        }
        // An unusable pattern is a schema error, reported at CRD admission, not here.
        guard let expression else { return true }
        let range = NSRange(text.startIndex..., in: text)
        return expression.firstMatch(in: text, range: range) != nil
    }
}
