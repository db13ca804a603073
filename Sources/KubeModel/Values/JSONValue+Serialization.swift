import Foundation

extension JSONValue {
    /// Compact JSON with keys sorted, written directly: several times faster than
    /// going through JSONEncoder, and byte-for-byte stable.
    public func serializedJSON() -> Data {
        var output: [UInt8] = []
        output.reserveCapacity(512)
        write(into: &output)
        return Data(output)
    }

    private func write(into output: inout [UInt8]) {
        switch self {
        case .null: output.append(contentsOf: [110, 117, 108, 108])
        case .bool(let flag): output.append(contentsOf: flag ? Array("true".utf8) : Array("false".utf8))
        case .integer(let number): output.append(contentsOf: String(number).utf8)
        case .number(let number):
            if number.isFinite {
                output.append(contentsOf: String(number).utf8)
            } else {
                output.append(contentsOf: [110, 117, 108, 108])
            }
        case .string(let text): Self.writeString(text, into: &output)
        case .array(let elements):
            output.append(91)
            for (index, element) in elements.enumerated() {
                if index > 0 { output.append(44) }
                element.write(into: &output)
            }
            output.append(93)
        case .object(let members):
            output.append(123)
            for (index, key) in members.keys.sorted().enumerated() {
                if index > 0 { output.append(44) }
                Self.writeString(key, into: &output)
                output.append(58)
                members[key]?.write(into: &output)
            }
            output.append(125)
        }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    private static func writeString(_ text: String, into output: inout [UInt8]) {
        output.append(34)
        for byte in text.utf8 {
            switch byte {
            case 34: output.append(contentsOf: [92, 34])
            case 92: output.append(contentsOf: [92, 92])
            case 10: output.append(contentsOf: [92, 110])
            case 13: output.append(contentsOf: [92, 114])
            case 9: output.append(contentsOf: [92, 116])
            case 0..<32:
                output.append(contentsOf: [92, 117, 48, 48, hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 15)]])
            default: output.append(byte)
            }
        }
        output.append(34)
    }
}
