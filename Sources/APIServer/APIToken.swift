import Foundation

/// The bearer token clients must present. Its text never appears in
/// descriptions, dumps or logs, and it is compared in constant time.
public struct APIToken: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    private let bytes: [UInt8]

    /// A token from its text, surrounding whitespace (a file's newline) removed;
    /// nil when nothing is left.
    public init?(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return nil }
        self.bytes = Array(trimmed.utf8)
    }

    /// 32 random bytes from the system's secure generator, as 64 hex digits.
    public static func randomText() -> String {
        var generator = SystemRandomNumberGenerator()
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(64)
        for _ in 0..<32 {
            let byte = UInt8.random(in: .min ... .max, using: &generator)
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// Whether an Authorization header value is `Bearer <this token>`. The
    /// time taken depends only on the length of the expected token.
    public func accepts(authorization header: String?) -> Bool {
        guard let header else { return false }
        let scheme = "bearer "
        guard header.utf8.count > scheme.utf8.count, header.lowercased().hasPrefix(scheme) else { return false }
        return matches(Array(header.utf8.dropFirst(scheme.utf8.count)))
    }

    func matches(_ candidate: [UInt8]) -> Bool {
        var difference = UInt64(truncatingIfNeeded: bytes.count ^ candidate.count)
        for index in bytes.indices {
            let other = index < candidate.count ? candidate[index] : 0
            difference |= UInt64(bytes[index] ^ other)
        }
        return difference == 0
    }

    public var description: String { "APIToken(<redacted>)" }
    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}
