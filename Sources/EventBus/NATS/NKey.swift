import Crypto
import Foundation

/// An Ed25519 NATS key pair from an nkey seed (`SU...` for users).
struct NKey {
    let privateKey: Curve25519.Signing.PrivateKey
    /// The public key in NATS encoding (`U...` for users).
    let publicKey: String

    private static let seedPrefix: UInt8 = 18 << 3

    init(seed: String) throws {
        guard let raw = Base32.decode(seed.trimmingCharacters(in: .whitespacesAndNewlines)), raw.count == 36 else {
            throw NATSError.invalidOptions("the nkey seed is not valid base32 of the expected length")
        }
        let body = Array(raw[0..<34])
        let checksum = UInt16(raw[34]) | UInt16(raw[35]) << 8
        guard CRC16.xmodem(body) == checksum else {
            throw NATSError.invalidOptions("the nkey seed has a bad checksum")
        }
        guard raw[0] & 0xF8 == Self.seedPrefix else {
            throw NATSError.invalidOptions("the value is not an nkey seed")
        }
        let keyType = (raw[0] & 0x07) << 5 | (raw[1] & 0xF8) >> 3
        privateKey = try Curve25519.Signing.PrivateKey(rawRepresentation: Data(raw[2..<34]))
        var encoded = [keyType] + Array(privateKey.publicKey.rawRepresentation)
        let crc = CRC16.xmodem(encoded)
        encoded.append(UInt8(crc & 0xFF))
        encoded.append(UInt8(crc >> 8))
        publicKey = Base32.encode(encoded)
    }

    /// Encodes 32 raw Ed25519 seed bytes as a user seed (`SU...`).
    static func encodeUserSeed(_ raw: [UInt8]) -> String {
        let userPrefix: UInt8 = 20 << 3
        var bytes = [seedPrefix | userPrefix >> 5, (userPrefix & 31) << 3] + raw
        let crc = CRC16.xmodem(bytes)
        bytes.append(UInt8(crc & 0xFF))
        bytes.append(UInt8(crc >> 8))
        return Base32.encode(bytes)
    }

    func sign(_ data: [UInt8]) throws -> Data {
        try privateKey.signature(for: Data(data))
    }
}

enum Base32 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".utf8)

    static func encode(_ bytes: [UInt8]) -> String {
        var output: [UInt8] = []
        var buffer: UInt32 = 0
        var bits = 0
        for byte in bytes {
            buffer = buffer << 8 | UInt32(byte)
            bits += 8
            while bits >= 5 {
                output.append(alphabet[Int(buffer >> UInt32(bits - 5) & 31)])
                bits -= 5
            }
        }
        if bits > 0 { output.append(alphabet[Int(buffer << UInt32(5 - bits) & 31)]) }
        return String(decoding: output, as: UTF8.self)
    }

    static func decode(_ text: String) -> [UInt8]? {
        var output: [UInt8] = []
        var buffer: UInt32 = 0
        var bits = 0
        for character in text.utf8 {
            guard let value = alphabet.firstIndex(of: character) else { return nil }
            buffer = buffer << 5 | UInt32(value)
            bits += 5
            if bits >= 8 {
                output.append(UInt8(buffer >> UInt32(bits - 8) & 0xFF))
                bits -= 8
            }
        }
        return output
    }
}

enum CRC16 {
    static func xmodem(_ bytes: [UInt8]) -> UInt16 {
        var crc: UInt16 = 0
        for byte in bytes {
            crc ^= UInt16(byte) << 8
            for _ in 0..<8 {
                crc = crc & 0x8000 != 0 ? (crc << 1) ^ 0x1021 : crc << 1
            }
        }
        return crc
    }
}

extension Data {
    func base64URLEncodedString() -> String {
        base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
