/// One term of a label selector (`labels.Requirement`): a key, an operator
/// and a sorted set of values.
public struct LabelRequirement: Hashable, Sendable, CustomStringConvertible {
    /// `selection.Operator`; raw values are Kubernetes' spellings.
    public enum Operator: String, Hashable, Sendable, CaseIterable {
        case equals = "="
        case doubleEquals = "=="
        case notEquals = "!="
        case `in` = "in"
        case notIn = "notin"
        case exists = "exists"
        case doesNotExist = "!"
        case greaterThan = "gt"
        case lessThan = "lt"
    }

    public let key: String
    public let `operator`: Operator
    /// Unique and sorted, as `sets.String.List()` gives them.
    public let values: [String]

    /// `labels.NewRequirement`: validates the key, the values and their count
    /// for the operator.
    public init(key: String, operator: Operator, values: [String]) throws(SelectorError) {
        var problems: [String] = []
        let keyErrors = LabelValidation.qualifiedNameErrors(key)
        if !keyErrors.isEmpty {
            problems.append("key: Invalid value: \(goQuoted(key)): " + keyErrors.joined(separator: "; "))
        }
        let list = Self.goStringSlice(values)
        switch `operator` {
        case .in, .notIn:
            if values.isEmpty {
                problems.append("values: Invalid value: \(list): for 'in', 'notin' operators, values set can't be empty")
            }
        case .equals, .doubleEquals, .notEquals:
            if values.count != 1 {
                problems.append("values: Invalid value: \(list): exact-match compatibility requires one single value")
            }
        case .exists, .doesNotExist:
            if !values.isEmpty {
                problems.append(
                    "values: Invalid value: \(list): values set must be empty for exists and does not exist")
            }
        case .greaterThan, .lessThan:
            if values.count != 1 {
                problems.append(
                    "values: Invalid value: \(list): for 'Gt', 'Lt' operators, exactly one value is required")
            }
            for (index, value) in values.enumerated() where Int64(value) == nil {
                problems.append(
                    "values[\(index)]: Invalid value: \(goQuoted(value)): for 'Gt', 'Lt' operators, the value must be an integer"
                )
            }
        }
        for (index, value) in values.enumerated() {
            let valueErrors = LabelValidation.labelValueErrors(value)
            if !valueErrors.isEmpty {
                problems.append(
                    "values[\(index)][\(key)]: Invalid value: \(goQuoted(value)): " + valueErrors.joined(separator: "; "))
            }
        }
        guard problems.isEmpty else {
            // utilerrors.NewAggregate: one error alone, several as "[a, b]".
            let message = problems.count == 1 ? problems[0] : "[" + problems.joined(separator: ", ") + "]"
            throw SelectorError(code: SelectorError.invalidLabelSelector, message: message)
        }
        self.key = key
        self.operator = `operator`
        self.values = Array(Set(values)).sorted()
    }

    /// Whether the labels satisfy this term. Negative operators (`!=`, `notin`)
    /// match objects without the key.
    public func matches(_ labels: [String: String]) -> Bool {
        switch `operator` {
        case .equals, .doubleEquals, .in:
            guard let value = labels[key] else { return false }
            return values.contains(value)
        case .notEquals, .notIn:
            guard let value = labels[key] else { return true }
            return !values.contains(value)
        case .exists:
            return labels[key] != nil
        case .doesNotExist:
            return labels[key] == nil
        case .greaterThan, .lessThan:
            guard let text = labels[key], let actual = Int64(text), values.count == 1,
                let bound = Int64(values[0])
            else { return false }
            return `operator` == .greaterThan ? actual > bound : actual < bound
        }
    }

    /// Kubernetes' canonical text: `a=b`, `a!=b`, `a in (x,y)`, `a`, `!a`, `a>3`.
    public var description: String {
        let joined = values.joined(separator: ",")
        switch `operator` {
        case .equals: return key + "=" + joined
        case .doubleEquals: return key + "==" + joined
        case .notEquals: return key + "!=" + joined
        case .in: return key + " in (" + joined + ")"
        case .notIn: return key + " notin (" + joined + ")"
        case .exists: return key
        case .doesNotExist: return "!" + key
        case .greaterThan: return key + ">" + joined
        case .lessThan: return key + "<" + joined
        }
    }

    /// Go's `%#v` of a `[]string`, as field errors print it.
    static func goStringSlice(_ values: [String]) -> String {
        values.isEmpty ? "[]string(nil)" : "[]string{" + values.map(goQuoted).joined(separator: ", ") + "}"
    }
}
