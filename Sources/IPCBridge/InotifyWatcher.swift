import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A file that appeared (renamed into place or closed after writing) in a watched directory.
public struct WatchedFile: Sendable, Hashable {
    /// The watched directory's key (e.g. `output`).
    public var directory: String
    public var name: String
}

/// inotify on a dedicated thread (never the cooperative pool): watches
/// directories for `IN_MOVED_TO` and `IN_CLOSE_WRITE` and yields file names.
public final class InotifyWatcher: Sendable {
    private static let movedTo: UInt32 = 0x80
    private static let closeWrite: UInt32 = 0x08
    private static let queueOverflow: UInt32 = 0x4000
    private static let isDirectory: UInt32 = 0x4000_0000

    private let descriptor: Int32
    private let watches = Mutex<[Int32: String]>([:])
    private let stopped = Atomic<Bool>(false)

    public struct Failure: Error, CustomStringConvertible {
        public var code: String
        public var message: String
        public var description: String { "\(code): \(message)" }
    }

    public init() throws {
        descriptor = inotify_init1(Int32(O_CLOEXEC | O_NONBLOCK))
        guard descriptor >= 0 else {
            throw Failure(code: "inotifyUnavailable", message: "inotify_init1 failed: errno \(errno)")
        }
    }

    /// Watches `path`; events carry `key` as their directory.
    public func watch(_ path: String, key: String) throws {
        let wd = inotify_add_watch(descriptor, path, Self.movedTo | Self.closeWrite)
        guard wd >= 0 else {
            throw Failure(code: "watchFailed", message: "inotify_add_watch \(path) failed: errno \(errno)")
        }
        watches.withLock { $0[wd] = key }
    }

    /// Starts the reader thread. `overflow` is yielded as a `WatchedFile` with
    /// an empty name: the consumer should rescan.
    public func start() -> AsyncStream<WatchedFile> {
        let (stream, continuation) = AsyncStream.makeStream(of: WatchedFile.self)
        let thread = Thread { [self] in
            self.readLoop(continuation)
        }
        thread.name = "inotify"
        thread.start()
        return stream
    }

    /// Stops the reader thread (within its poll interval) and closes the descriptor.
    public func stop() {
        stopped.store(true, ordering: .releasing)
    }

    private func readLoop(_ continuation: AsyncStream<WatchedFile>.Continuation) {
        defer {
            close(descriptor)
            continuation.finish()
        }
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while !stopped.load(ordering: .acquiring) {
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, 200)
            if ready < 0 {
                if errno == EINTR { continue }
                return
            }
            guard ready > 0 else { continue }
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EAGAIN || errno == EINTR { continue }
                return
            }
            for file in parse(buffer, count: count) { continuation.yield(file) }
        }
    }

    /// Splits a read into events: `wd`, `mask`, `cookie`, `len`, then `len` name bytes (NUL padded).
    private func parse(_ buffer: [UInt8], count: Int) -> [WatchedFile] {
        let keys = watches.withLock { $0 }
        var files: [WatchedFile] = []
        var offset = 0
        let header = 16
        while offset + header <= count {
            let wd = buffer.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset, as: Int32.self) }
            let mask = buffer.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self) }
            let length = Int(buffer.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self) })
            guard offset + header + length <= count else { break }
            let nameBytes = buffer[(offset + header)..<(offset + header + length)].prefix { $0 != 0 }
            offset += header + length
            if mask & Self.queueOverflow != 0 {
                files.append(WatchedFile(directory: "", name: ""))
                continue
            }
            guard mask & Self.isDirectory == 0, let key = keys[wd], !nameBytes.isEmpty else { continue }
            files.append(WatchedFile(directory: key, name: String(decoding: nameBytes, as: UTF8.self)))
        }
        return files
    }
}
