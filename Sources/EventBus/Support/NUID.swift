/// Random identifiers for inboxes (base62, 22 characters: about 131 bits).
enum NUID {
    private static let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".utf8)

    static func next(length: Int = 22) -> String {
        var generator = SystemRandomNumberGenerator()
        var bytes = [UInt8](repeating: 0, count: length)
        for index in bytes.indices {
            bytes[index] = alphabet[Int(generator.next(upperBound: UInt8(alphabet.count)))]
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
