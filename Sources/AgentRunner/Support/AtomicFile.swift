import Foundation

/// Writes files the way the IPC protocol requires: a dot-prefixed temporary
/// file in the same directory, then `rename(2)`, so a reader never sees a
/// partial file under the final name.
public enum AtomicFile {
    public static func write(_ data: Data, to url: URL, createDirectories: Bool = true) throws {
        let directory = url.deletingLastPathComponent()
        let suffix = String(UInt32.random(in: .min ... .max), radix: 16)
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).tmp-\(suffix)").path
        var descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        if descriptor < 0, errno == ENOENT, createDirectories {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        }
        guard descriptor >= 0 else { throw failure(temporary) }
        var written = 0
        let complete = data.withUnsafeBytes { buffer -> Bool in
            while written < buffer.count {
                let count = Foundation.write(descriptor, buffer.baseAddress.map { $0 + written }, buffer.count - written)
                if count < 0, errno == EINTR { continue }
                guard count > 0 else { return false }
                written += count
            }
            return true
        }
        let writeError = complete ? nil : failure(temporary)
        close(descriptor)
        if let writeError {
            unlink(temporary)
            throw writeError
        }
        guard rename(temporary, url.path) == 0 else {
            let error = failure(url.path)
            unlink(temporary)
            throw error
        }
    }

    public static func write<Value: Encodable>(json value: Value, to url: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        try write(try encoder.encode(value), to: url)
    }

    private static func failure(_ path: String) -> any Error {
        let code = POSIXErrorCode(rawValue: errno) ?? .EIO
        return NSError(
            domain: NSPOSIXErrorDomain, code: Int(code.rawValue),
            userInfo: [NSLocalizedDescriptionKey: "cannot write \(path): \(String(cString: strerror(code.rawValue)))"])
    }
}

/// Identifiers used in IPC file names: `<unix-nanoseconds>-<8 hex digits>`.
public enum IPCIdentifier {
    public static func make() -> String {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        let nanos = UInt64(now.tv_sec) &* 1_000_000_000 &+ UInt64(now.tv_nsec)
        let random = String(UInt32.random(in: .min ... .max), radix: 16)
        return "\(nanos)-\(String(repeating: "0", count: 8 - random.count))\(random)"
    }

    /// True when `id` is safe to put in a file name.
    public static func isSafe(_ id: String) -> Bool {
        !id.isEmpty && id.utf8.count <= 200
            && id.utf8.allSatisfy { byte in
                (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x2D
                    || byte == 0x5F
            }
    }
}
