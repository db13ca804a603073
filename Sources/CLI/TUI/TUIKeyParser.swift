/// Turns the bytes a terminal sends into keys: UTF-8 text, control bytes and
/// the escape sequences of arrows, paging keys and Shift-Tab (CSI and SS3
/// forms). A lone ESC stays pending until more bytes come or `flush()` is
/// called after a short quiet period, so Esc and Alt-sequences are told apart.
struct TUIKeyParser: Sendable {
    private var pending: [UInt8] = []

    /// True when bytes wait for the rest of a sequence (or to become Esc).
    var hasPending: Bool { !pending.isEmpty }

    mutating func feed(_ bytes: some Sequence<UInt8>) -> [TUIKey] {
        pending.append(contentsOf: bytes)
        var keys: [TUIKey] = []
        var index = 0
        while index < pending.count {
            guard let (key, length) = Self.decode(pending[index...]) else { break }
            if let key { keys.append(key) }
            index += length
        }
        pending.removeFirst(index)
        return keys
    }

    /// Gives up waiting: a pending ESC is the Esc key, the rest is read as is.
    mutating func flush() -> [TUIKey] {
        guard !pending.isEmpty else { return [] }
        var keys: [TUIKey] = []
        let rest = pending
        pending = []
        if rest.first == 0x1B {
            keys.append(.escape)
            keys += feed(rest.dropFirst())
            if hasPending {
                // An incomplete sequence or UTF-8 character: drop it.
                pending = []
            }
        } else {
            pending = []
        }
        return keys
    }

    /// One key at the start of `bytes` and how many bytes it used; nil when
    /// more bytes are needed; a nil key for bytes that mean nothing.
    private static func decode(_ bytes: ArraySlice<UInt8>) -> (TUIKey?, Int)? {
        guard let first = bytes.first else { return nil }
        switch first {
        case 0x1B: return decodeEscape(bytes)
        case 0x0D, 0x0A: return (.enter, 1)
        case 0x09: return (.tab, 1)
        case 0x7F, 0x08: return (.backspace, 1)
        case 0x01...0x1A: return (.control(Character(Unicode.Scalar(first + 0x60))), 1)
        case 0x00, 0x1C...0x1F: return (nil, 1)
        case 0x20..<0x80: return (.character(Character(Unicode.Scalar(first))), 1)
        default: return decodeUTF8(bytes)
        }
    }

    private static func decodeEscape(_ bytes: ArraySlice<UInt8>) -> (TUIKey?, Int)? {
        let start = bytes.startIndex
        guard bytes.count >= 2 else { return nil }
        let second = bytes[start + 1]
        if second == 0x1B { return (.escape, 1) }
        if second == UInt8(ascii: "O") {
            guard bytes.count >= 3 else { return nil }
            let keys: [UInt8: TUIKey] = [0x41: .up, 0x42: .down, 0x43: .right, 0x44: .left, 0x48: .home, 0x46: .end]
            return (keys[bytes[start + 2]], 3)
        }
        guard second == UInt8(ascii: "[") else {
            // Alt+key: read as Esc followed by the key.
            return (.escape, 1)
        }
        // CSI: parameters (0x30–0x3F), intermediates (0x20–0x2F), one final byte (0x40–0x7E).
        var index = start + 2
        while index < bytes.endIndex, (0x20...0x3F).contains(bytes[index]) { index += 1 }
        guard index < bytes.endIndex else { return bytes.count > 16 ? (nil, bytes.count) : nil }
        let final = bytes[index]
        let parameters = String(decoding: bytes[(start + 2)..<index], as: UTF8.self)
        let length = index - start + 1
        guard (0x40...0x7E).contains(final) else { return (nil, length) }
        switch final {
        case UInt8(ascii: "A"): return (.up, length)
        case UInt8(ascii: "B"): return (.down, length)
        case UInt8(ascii: "C"): return (.right, length)
        case UInt8(ascii: "D"): return (.left, length)
        case UInt8(ascii: "H"): return (.home, length)
        case UInt8(ascii: "F"): return (.end, length)
        case UInt8(ascii: "Z"): return (.backTab, length)
        case UInt8(ascii: "~"):
            let number = parameters.split(separator: ";").first.map(String.init) ?? ""
            let keys: [String: TUIKey] = ["1": .home, "7": .home, "4": .end, "8": .end, "3": .delete, "5": .pageUp, "6": .pageDown]
            return (keys[number], length)
        default: return (nil, length)
        }
    }

    private static func decodeUTF8(_ bytes: ArraySlice<UInt8>) -> (TUIKey?, Int)? {
        guard let first = bytes.first else { return nil }
        let length: Int
        switch first {
        case 0xC2...0xDF: length = 2
        case 0xE0...0xEF: length = 3
        case 0xF0...0xF4: length = 4
        default: return (nil, 1)
        }
        guard bytes.count >= length else { return nil }
        let slice = bytes.prefix(length)
        guard slice.dropFirst().allSatisfy({ $0 & 0xC0 == 0x80 }) else { return (nil, 1) }
        let text = String(decoding: slice, as: UTF8.self)
        guard let character = text.first, !text.contains("\u{FFFD}") else { return (nil, length) }
        return (.character(character), length)
    }
}
