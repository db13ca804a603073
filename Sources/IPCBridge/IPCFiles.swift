import Foundation

/// File rules of the /ipc protocol: atomic writes, safe IDs, bounded reads.
public enum IPCFiles {
    /// Largest file the bridge reads (an event must fit a NATS message).
    public static let maxFileSize = 1024 * 1024

    /// IDs used in file names: `[A-Za-z0-9-_]`, not empty, at most 200 characters.
    public static func isSafeID(_ id: String) -> Bool {
        guard !id.isEmpty, id.utf8.count <= 200 else { return false }
        return id.utf8.allSatisfy { byte in
            (byte >= 48 && byte <= 57) || (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122) || byte == 45 || byte == 95
        }
    }

    /// `<unix-nanoseconds>-<8 hex digits>`.
    public static func newID() -> String {
        let nanos = UInt64(Date().timeIntervalSince1970 * 1_000_000_000)
        return "\(nanos)-\(String(format: "%08x", UInt32.random(in: 0...UInt32.max)))"
    }

    /// Writes `data` under `.<name>.tmp-<random>` in `directory`, then renames it to `name`.
    public static func writeAtomically(_ data: Data, directory: URL, name: String) throws {
        let temporary = directory.appending(path: ".\(name).tmp-\(String(format: "%08x", UInt32.random(in: 0...UInt32.max)))")
        try data.write(to: temporary)
        do {
            guard rename(temporary.path, directory.appending(path: name).path) == 0 else {
                throw IPCBridgeError(code: "writeFailed", message: "rename into \(name) failed: errno \(errno)")
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }

    /// Reads a regular file of at most `maxFileSize` bytes.
    public static func read(_ url: URL) throws -> Data {
        let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
        guard attributes[.type] as? FileAttributeType == .typeRegular else {
            throw IPCBridgeError(code: "notAFile", message: "\(url.lastPathComponent) is not a regular file")
        }
        if let size = attributes[.size] as? Int, size > maxFileSize {
            throw IPCBridgeError(code: "fileTooLarge", message: "\(url.lastPathComponent) is \(size) bytes (limit \(maxFileSize))")
        }
        return try Data(contentsOf: url)
    }
}

/// A bridge error with a stable code.
public struct IPCBridgeError: Error, Sendable, CustomStringConvertible {
    public var code: String
    public var message: String

    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "IPCBridgeError(\(code)): \(message)" }
}
