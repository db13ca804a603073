import Foundation

/// The memory update the model writes at the end of its answer, between
/// `__SYMPOZIUM_MEMORY__` and `__SYMPOZIUM_MEMORY_END__`.
public enum MemoryBlock {
    public static let start = "__SYMPOZIUM_MEMORY__"
    public static let end = "__SYMPOZIUM_MEMORY_END__"

    /// The last complete block, trimmed; nil when there is none.
    public static func extract(from text: String) -> String? {
        guard let endRange = text.range(of: end, options: .backwards),
            let startRange = text.range(of: start, options: .backwards, range: text.startIndex..<endRange.lowerBound)
        else { return nil }
        let content = text[startRange.upperBound..<endRange.lowerBound].trimmingCharacters(in: .whitespacesAndNewlines)
        return content.isEmpty ? nil : content
    }

    /// `text` without memory blocks (an unclosed block is cut to the end).
    public static func strip(from text: String) -> String {
        var result = text
        while let startRange = result.range(of: start) {
            if let endRange = result.range(of: end, range: startRange.upperBound..<result.endIndex) {
                result.removeSubrange(startRange.lowerBound..<endRange.upperBound)
            } else {
                result.removeSubrange(startRange.lowerBound..<result.endIndex)
            }
        }
        return result.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
