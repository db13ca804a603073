/// Splitting an answer into the parts a platform accepts.
enum MessageText {
    /// Splits text into parts of at most `maxLength` UTF-16 units, at line
    /// breaks where it can; a single longer line is cut. Empty text is one space
    /// (platforms refuse empty messages).
    static func split(_ text: String, maxLength: Int) -> [String] {
        let text = text.isEmpty ? " " : text
        guard text.utf16.count > maxLength else { return [text] }
        var parts: [String] = []
        var current = ""
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = Substring(line)
            let candidate = current.isEmpty ? String(line) : current + "\n" + line
            if candidate.utf16.count <= maxLength {
                current = candidate
                continue
            }
            if !current.isEmpty { parts.append(current) }
            current = ""
            while line.utf16.count > maxLength {
                var cut = line.startIndex
                var length = 0
                for character in line {
                    let size = character.utf16.count
                    if length + size > maxLength { break }
                    length += size
                    cut = line.index(after: cut)
                }
                parts.append(String(line[..<cut]))
                line = line[cut...]
            }
            current = String(line)
        }
        if !current.isEmpty { parts.append(current) }
        return parts
    }
}
