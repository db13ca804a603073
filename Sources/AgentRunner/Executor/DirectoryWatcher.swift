import Foundation
import Synchronization

/// Files appearing in directories, from inotify (`IN_MOVED_TO`,
/// `IN_CLOSE_WRITE`, `IN_CREATE`), read on a dedicated thread. A `tick`
/// comes every `tick` interval (and after a queue overflow) so consumers
/// can rescan; without inotify the ticks alone drive a polling scan.
enum DirectoryWatcher {
    enum Event: Sendable, Hashable {
        case appeared(directory: URL, name: String)
        case tick
    }

    final class StopFlag: Sendable {
        let stopped = Atomic<Bool>(false)
    }

    static func events(in directories: [URL], tick: Duration) -> AsyncStream<Event> {
        AsyncStream(bufferingPolicy: .bufferingNewest(4096)) { continuation in
            let flag = StopFlag()
            continuation.onTermination = { _ in flag.stopped.store(true, ordering: .relaxed) }
            let thread = Thread {
                watch(directories, tick: tick, flag: flag, continuation: continuation)
                continuation.finish()
            }
            thread.name = "inotify"
            thread.start()
        }
    }

    private static func watch(_ directories: [URL], tick: Duration, flag: StopFlag, continuation: AsyncStream<Event>.Continuation) {
        let tickMillis = Int32(max(1, min(tick.milliseconds, 60_000)))
        let descriptor = inotify_init1(Int32(IN_CLOEXEC | IN_NONBLOCK))
        var directoryOf: [Int32: URL] = [:]
        if descriptor >= 0 {
            let mask = UInt32(IN_MOVED_TO | IN_CLOSE_WRITE | IN_CREATE)
            for directory in directories {
                let watch = inotify_add_watch(descriptor, directory.path, mask)
                if watch >= 0 { directoryOf[watch] = directory }
            }
        }
        defer { if descriptor >= 0 { close(descriptor) } }
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        let headerSize = MemoryLayout<inotify_event>.size
        while !flag.stopped.load(ordering: .relaxed) {
            guard descriptor >= 0, !directoryOf.isEmpty else {
                usleep(useconds_t(tickMillis) * 1000)
                continuation.yield(.tick)
                continue
            }
            var fds = [pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)]
            let ready = poll(&fds, 1, tickMillis)
            guard ready > 0 else {
                continuation.yield(.tick)
                continue
            }
            let count = read(descriptor, &buffer, buffer.count)
            guard count > 0 else { continue }
            var offset = 0
            while offset + headerSize <= count {
                let (watch, mask, length) = buffer.withUnsafeBytes { raw -> (Int32, UInt32, Int) in
                    let event = raw.loadUnaligned(fromByteOffset: offset, as: inotify_event.self)
                    return (event.wd, event.mask, Int(event.len))
                }
                let nameStart = offset + headerSize
                let nameEnd = min(nameStart + length, count)
                let name = String(decoding: buffer[nameStart..<nameEnd].prefix { $0 != 0 }, as: UTF8.self)
                if mask & UInt32(IN_Q_OVERFLOW) != 0 {
                    continuation.yield(.tick)
                } else if let directory = directoryOf[watch], !name.isEmpty {
                    continuation.yield(.appeared(directory: directory, name: name))
                }
                offset = nameEnd
            }
        }
    }
}
