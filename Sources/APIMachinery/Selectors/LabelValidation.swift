import KubeModel

/// Kubernetes' label key and value rules (`validation.IsQualifiedName`,
/// `validation.IsValidLabelValue`), with the API server's messages.
public enum LabelValidation {
    public static let qualifiedNameMaxLength = 63
    public static let labelValueMaxLength = 63
    public static let dns1123SubdomainMaxLength = 253

    static let qualifiedNameFormat = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]"
    static let qualifiedNameMessage =
        "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character"
    static let labelValueMessage =
        "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character"
    static let dns1123SubdomainFormat = "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*"
    static let dns1123SubdomainMessage =
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character"

    /// Validates a labels map as object metadata validation does: one
    /// `FieldValueInvalid` error per problem, at `path` (e.g. "metadata.labels").
    /// Keys are visited in sorted order so the result is deterministic.
    public static func validate(labels: [String: String], path: String) -> [FieldError] {
        var errors: [FieldError] = []
        for key in labels.keys.sorted() {
            for message in qualifiedNameErrors(key) {
                errors.append(.invalid(path, "Invalid value: \(goQuoted(key)): \(message)"))
            }
            for message in labelValueErrors(labels[key] ?? "") {
                errors.append(.invalid(path, "Invalid value: \(goQuoted(labels[key] ?? "")): \(message)"))
            }
        }
        return errors
    }

    /// Problems with a label key (an optional DNS-subdomain prefix and "/", then
    /// a name); empty when valid.
    public static func qualifiedNameErrors(_ value: String) -> [String] {
        var errors: [String] = []
        let parts = value.split(separator: "/", omittingEmptySubsequences: false)
        let name: Substring
        switch parts.count {
        case 1:
            name = parts[0]
        case 2:
            let prefix = parts[0]
            name = parts[1]
            if prefix.isEmpty {
                errors.append("prefix part must be non-empty")
            } else {
                errors += dns1123SubdomainErrors(String(prefix)).map { "prefix part " + $0 }
            }
        default:
            return [
                "a qualified name "
                    + regexError(qualifiedNameMessage, qualifiedNameFormat, ["MyName", "my.name", "123-abc"])
                    + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"
            ]
        }
        if name.isEmpty {
            errors.append("name part must be non-empty")
        } else if name.utf8.count > qualifiedNameMaxLength {
            errors.append("name part must be no more than \(qualifiedNameMaxLength) characters")
        }
        if !isQualifiedNamePart(name.utf8) {
            errors.append(
                "name part " + regexError(qualifiedNameMessage, qualifiedNameFormat, ["MyName", "my.name", "123-abc"]))
        }
        return errors
    }

    /// Problems with a label value (empty, or ≤63 characters of the name
    /// charset); empty when valid.
    public static func labelValueErrors(_ value: String) -> [String] {
        var errors: [String] = []
        if value.utf8.count > labelValueMaxLength {
            errors.append("must be no more than \(labelValueMaxLength) characters")
        }
        if !value.isEmpty && !isQualifiedNamePart(value.utf8) {
            errors.append(
                regexError(labelValueMessage, "(" + qualifiedNameFormat + ")?", ["MyValue", "my_value", "12345"]))
        }
        return errors
    }

    /// Problems with a lowercase RFC 1123 subdomain; empty when valid.
    public static func dns1123SubdomainErrors(_ value: String) -> [String] {
        var errors: [String] = []
        if value.utf8.count > dns1123SubdomainMaxLength {
            errors.append("must be no more than \(dns1123SubdomainMaxLength) characters")
        }
        if !isDNS1123Subdomain(value) {
            errors.append(regexError(dns1123SubdomainMessage, dns1123SubdomainFormat, ["example.com"]))
        }
        return errors
    }

    public static func isValidLabelKey(_ key: String) -> Bool { qualifiedNameErrors(key).isEmpty }
    public static func isValidLabelValue(_ value: String) -> Bool { labelValueErrors(value).isEmpty }

    // MARK: - Character classes

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
    }

    /// `([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]`
    private static func isQualifiedNamePart<C: Collection<UInt8>>(_ bytes: C) -> Bool {
        guard let first = bytes.first, let last = bytes.reversed().first,
            isAlphanumeric(first), isAlphanumeric(last)
        else { return false }
        return bytes.allSatisfy { isAlphanumeric($0) || $0 == 0x2D || $0 == 0x5F || $0 == 0x2E }
    }

    /// `[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*`
    private static func isDNS1123Subdomain(_ value: String) -> Bool {
        let labels = value.utf8.split(separator: 0x2E, omittingEmptySubsequences: false)
        return labels.allSatisfy { label in
            guard let first = label.first, let last = label.last else { return false }
            func lowerAlnum(_ byte: UInt8) -> Bool { (byte >= 0x30 && byte <= 0x39) || (byte >= 0x61 && byte <= 0x7A) }
            return lowerAlnum(first) && lowerAlnum(last) && label.allSatisfy { lowerAlnum($0) || $0 == 0x2D }
        }
    }

    /// `validation.RegexError`, including its doubled spaces between examples.
    static func regexError(_ message: String, _ format: String, _ examples: [String]) -> String {
        guard !examples.isEmpty else { return message + " (regex used for validation is '" + format + "')" }
        var text = message + " (e.g. "
        for (index, example) in examples.enumerated() {
            if index > 0 { text += " or " }
            text += "'" + example + "', "
        }
        return text + "regex used for validation is '" + format + "')"
    }
}

/// Go's `%q` for the strings that appear in messages: quotes, with `"` and `\`
/// escaped and control characters as escapes.
func goQuoted(_ text: String) -> String {
    var result = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": result += "\\\""
        case "\\": result += "\\\\"
        case "\n": result += "\\n"
        case "\t": result += "\\t"
        case "\r": result += "\\r"
        default:
            if scalar.value < 0x20 || scalar.value == 0x7F {
                let hex = String(scalar.value, radix: 16)
                result += "\\x" + (hex.count < 2 ? "0" + hex : hex)
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
    }
    return result + "\""
}
