import Foundation
import Glibc
import Synchronization

/// Reads standard input on a dedicated thread (a blocking read must not
/// occupy the cooperative pool) and hands out keys. A lone ESC becomes the
/// Esc key when nothing follows it within `escapeDelay`.
final class TUIKeyReader: Sendable {
    let keys: AsyncStream<TUIKey>
    private let continuation: AsyncStream<TUIKey>.Continuation
    private let stopped = Atomic<Bool>(false)
    private let escapeDelayMilliseconds: Int32

    init(escapeDelayMilliseconds: Int32 = 40) {
        (keys, continuation) = AsyncStream.makeStream(of: TUIKey.self)
        self.escapeDelayMilliseconds = escapeDelayMilliseconds
    }

    /// Starts the reading thread.
    func start() {
        let thread = Thread { [self] in self.readLoop() }
        thread.name = "sympozium-tui-keys"
        thread.start()
    }

    /// Ends the thread (within a poll interval) and the key stream.
    func stop() {
        stopped.store(true, ordering: .relaxed)
        continuation.finish()
    }

    private func readLoop() {
        var parser = TUIKeyParser()
        var buffer = [UInt8](repeating: 0, count: 256)
        while !stopped.load(ordering: .relaxed) {
            var descriptor = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
            let timeout = parser.hasPending ? escapeDelayMilliseconds : 200
            let ready = poll(&descriptor, 1, timeout)
            if ready < 0 {
                if errno == EINTR { continue }
                break
            }
            if ready == 0 {
                for key in parser.flush() { continuation.yield(key) }
                continue
            }
            let count = buffer.withUnsafeMutableBytes { read(STDIN_FILENO, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR || errno == EAGAIN { continue }
            guard count > 0 else { break }  // end of input: the terminal went away
            for key in parser.feed(buffer.prefix(count)) { continuation.yield(key) }
        }
        continuation.finish()
    }
}
