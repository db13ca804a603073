/// Turns HTML into readable plain text: scripts, styles and the head are
/// dropped, block elements become line breaks, entities are decoded and
/// whitespace is collapsed.
enum HTMLText {
    static let skippedElements: Set<String> = ["script", "style", "head", "noscript", "svg", "template", "iframe", "title"]
    static let blockElements: Set<String> = [
        "p", "div", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "tr", "table", "thead", "tbody",
        "blockquote", "pre", "section", "article", "header", "footer", "nav", "main", "aside", "figure", "figcaption",
        "details", "summary", "dl", "dt", "dd", "form",
    ]

    static func readable(_ html: String) -> String {
        let bytes = Array(html.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count / 2)
        var skipping: String?
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            guard byte == UInt8(ascii: "<") else {
                if skipping == nil {
                    // Line breaks in HTML source are just spaces.
                    output.append(byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") ? UInt8(ascii: " ") : byte)
                }
                index += 1
                continue
            }
            if starts(bytes, at: index, with: "<!--") {
                index = find(bytes, "-->", from: index + 4).map { $0 + 3 } ?? bytes.count
                continue
            }
            let (tag, closing, selfClosing, next) = readTag(bytes, at: index)
            index = next
            guard let tag else { continue }
            if let skipped = skipping {
                if closing, tag == skipped { skipping = nil }
                continue
            }
            if !closing, !selfClosing, skippedElements.contains(tag) {
                skipping = tag
                continue
            }
            if tag == "li" {
                if !closing { output.append(contentsOf: Array("\n- ".utf8)) }
            } else if tag == "td" || tag == "th" {
                if !closing { output.append(UInt8(ascii: "\t")) }
            } else if blockElements.contains(tag) {
                output.append(UInt8(ascii: "\n"))
            }
        }
        return collapse(decodeEntities(String(decoding: output, as: UTF8.self)))
    }

    /// Reads `<tag ...>` at `start`: the lowercased name (nil for `<!...>`,
    /// `<?...>` or a stray `<`), whether it closes or self-closes, and the
    /// index after it. Quoted attribute values may contain `>`.
    private static func readTag(_ bytes: [UInt8], at start: Int) -> (String?, Bool, Bool, Int) {
        var index = start + 1
        var closing = false
        if index < bytes.count, bytes[index] == UInt8(ascii: "/") {
            closing = true
            index += 1
        }
        var name: [UInt8] = []
        while index < bytes.count, isNameByte(bytes[index]) {
            name.append(bytes[index] | 0x20)
            index += 1
        }
        if name.isEmpty, index < bytes.count, bytes[index] != UInt8(ascii: "!"), bytes[index] != UInt8(ascii: "?") {
            return (nil, false, false, start + 1)  // a stray "<" in text: drop it
        }
        var quote: UInt8?
        var previous: UInt8 = 0
        while index < bytes.count {
            let byte = bytes[index]
            if let open = quote {
                if byte == open { quote = nil }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            } else if byte == UInt8(ascii: ">") {
                let selfClosing = previous == UInt8(ascii: "/")
                return (name.isEmpty ? nil : String(decoding: name, as: UTF8.self), closing, selfClosing, index + 1)
            }
            previous = byte
            index += 1
        }
        return (nil, closing, false, bytes.count)
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte == UInt8(ascii: "-")
    }

    private static func starts(_ bytes: [UInt8], at index: Int, with prefix: String) -> Bool {
        let prefix = Array(prefix.utf8)
        return index + prefix.count <= bytes.count && Array(bytes[index..<index + prefix.count]) == prefix
    }

    private static func find(_ bytes: [UInt8], _ needle: String, from start: Int) -> Int? {
        let needle = Array(needle.utf8)
        guard bytes.count >= needle.count, start <= bytes.count - needle.count else { return nil }
        for index in start...(bytes.count - needle.count) where bytes[index] == needle[0] {
            if Array(bytes[index..<index + needle.count]) == needle { return index }
        }
        return nil
    }

    static let namedEntities: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": " ", "mdash": "—", "ndash": "–",
        "hellip": "…", "copy": "©", "reg": "®", "trade": "™", "rsquo": "’", "lsquo": "‘", "ldquo": "“", "rdquo": "”",
        "laquo": "«", "raquo": "»", "middot": "·", "bull": "•", "euro": "€",
    ]

    static func decodeEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count)
        var rest = text[...]
        while let ampersand = rest.firstIndex(of: "&") {
            result += rest[..<ampersand]
            let after = rest[rest.index(after: ampersand)...]
            if let semicolon = after.prefix(12).firstIndex(of: ";"), let decoded = entity(after[..<semicolon]) {
                result += decoded
                rest = after[after.index(after: semicolon)...]
            } else {
                result += "&"
                rest = after
            }
        }
        return result + rest
    }

    private static func entity(_ name: Substring) -> String? {
        if name.hasPrefix("#") {
            let digits = name.dropFirst()
            let value = digits.first == "x" || digits.first == "X" ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
            return value.flatMap(Unicode.Scalar.init).map { String(Character($0)) }
        }
        return namedEntities[String(name)]
    }

    /// Runs of spaces and tabs become one space; lines are trimmed; at most
    /// one blank line in a row.
    static func collapse(_ text: String) -> String {
        var lines: [String] = []
        var blank = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\u{A0}" })
            if words.isEmpty {
                blank += 1
                if blank == 1, !lines.isEmpty { lines.append("") }
                continue
            }
            blank = 0
            lines.append(words.joined(separator: " "))
        }
        while lines.last == "" { lines.removeLast() }
        return lines.joined(separator: "\n")
    }
}
