/// Cutting text to a byte budget without splitting a UTF-8 sequence.
public enum TextLimits {
    /// The longest prefix of `text` that fits `maxBytes` UTF-8 bytes.
    public static func prefix(_ text: String, maxBytes: Int) -> String {
        let bytes = Array(text.utf8)
        guard bytes.count > maxBytes else { return text }
        var end = max(0, maxBytes)
        // Step back over continuation bytes (10xxxxxx) to a scalar boundary.
        while end > 0, bytes[end] & 0xC0 == 0x80 { end -= 1 }
        return String(decoding: bytes[..<end], as: UTF8.self)
    }

    /// `text` cut to `maxBytes`, with a note saying how much was dropped.
    public static func truncate(_ text: String, maxBytes: Int) -> String {
        let total = text.utf8.count
        guard total > maxBytes else { return text }
        return "\(prefix(text, maxBytes: maxBytes))\n... (truncated: \(total) bytes, showing the first \(maxBytes))"
    }
}
