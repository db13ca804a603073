import KubeModel

/// Kubernetes name rules, as apimachinery's validation package defines them.
public enum Names {
    /// RFC 1123 label: at most 63 lower-case alphanumerics or '-', alphanumeric at both ends.
    public static func isDNSLabel(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard (1...63).contains(bytes.count) else { return false }
        return bytes.enumerated().allSatisfy { index, byte in
            let alphanumeric = (byte >= 97 && byte <= 122) || (byte >= 48 && byte <= 57)
            return alphanumeric || (byte == 45 && index > 0 && index < bytes.count - 1)
        }
    }

    /// RFC 1123 subdomain: dot-separated labels, at most 253 characters.
    public static func isDNSSubdomain(_ name: String) -> Bool {
        guard (1...253).contains(name.utf8.count) else { return false }
        return name.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { isDNSLabel(String($0)) }
    }

    public static func validateDNSSubdomain(_ name: String, at path: String) -> [FieldError] {
        guard !isDNSSubdomain(name) else { return [] }
        return [
            .invalid(
                path,
                "Invalid value: \"\(name)\": a lowercase RFC 1123 subdomain must consist of lower case "
                    + "alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character")
        ]
    }

    public static func validateDNSLabel(_ name: String, at path: String) -> [FieldError] {
        guard !isDNSLabel(name) else { return [] }
        return [
            .invalid(
                path,
                "Invalid value: \"\(name)\": a lowercase RFC 1123 label must consist of lower case "
                    + "alphanumeric characters or '-', start and end with an alphanumeric character, "
                    + "and be at most 63 characters")
        ]
    }
}
