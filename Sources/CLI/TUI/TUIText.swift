/// Text for a terminal cell grid: control characters made harmless, lines cut
/// to a width.
enum TUIText {
    /// Replaces control characters (ESC sequences from a log, tabs, CR) so
    /// text cannot move the cursor or change the terminal.
    static func sanitize(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar == "\t" {
                result.append(contentsOf: "    ".unicodeScalars)
            } else if isControl(scalar) {
                if scalar != "\r" { result.append("�") }
            } else {
                result.append(scalar)
            }
        }
        return String(result)
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    /// Cuts to `width` characters (ending in "…" when cut); pads with spaces when `pad`.
    static func fit(_ text: String, width: Int, pad: Bool = false) -> String {
        guard width > 0 else { return "" }
        let count = text.count
        if count > width { return String(text.prefix(width - 1)) + "…" }
        return pad ? text + String(repeating: " ", count: width - count) : text
    }

    /// Column widths for `headers` and `rows` within `width` (2 spaces between
    /// columns): the widest columns shrink first.
    static func columnWidths(headers: [String], rows: [[String]], width: Int) -> [Int] {
        var widths = headers.map(\.count)
        for row in rows {
            for (index, cell) in row.enumerated() where index < widths.count { widths[index] = max(widths[index], cell.count) }
        }
        widths = widths.map { min($0, 60) }
        let separators = max(0, widths.count - 1) * 2
        var excess = widths.reduce(0, +) + separators - width
        let minimum = headers.map { max(4, min($0.count, 8)) }
        while excess > 0 {
            guard let index = widths.indices.filter({ widths[$0] > minimum[$0] }).max(by: { widths[$0] < widths[$1] }) else { break }
            let next = widths.indices.filter { $0 != index && widths[$0] > minimum[$0] }.map { widths[$0] }.max() ?? minimum[index]
            let cut = min(excess, max(1, widths[index] - max(next, minimum[index])))
            widths[index] -= cut
            excess -= cut
        }
        return widths
    }
}
