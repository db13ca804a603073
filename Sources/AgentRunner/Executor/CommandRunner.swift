import Foundation
import Synchronization

/// Runs one shell command with a timeout, capturing stdout and stderr up to
/// a limit each. Blocking (posix_spawn, poll, waitpid): call it on a
/// dedicated thread. The command runs in its own process group, so a timeout
/// kills everything it started.
public enum CommandRunner {
    public struct Outcome: Sendable, Hashable {
        public var exitCode: Int
        public var stdout: String
        public var stderr: String
        public var timedOut: Bool
    }

    /// Set from another thread to stop the command.
    public final class StopSignal: Sendable {
        private let stopped = Atomic<Bool>(false)
        public init() {}
        public func stop() { stopped.store(true, ordering: .relaxed) }
        public var isStopped: Bool { stopped.load(ordering: .relaxed) }
    }

    /// Bytes kept per stream (50 KB).
    public static let maxOutputBytes = 51_200
    /// How long pipes are still drained after the shell exited (background children may hold them).
    static let drainGrace: Duration = .milliseconds(300)

    public static func run(
        shell: String, script: String, workDir: String, stdin: String?, timeout: Duration, stop: StopSignal = StopSignal()
    ) -> Outcome {
        var outPipe: [Int32] = [-1, -1]
        var errPipe: [Int32] = [-1, -1]
        guard makePipe(&outPipe) else { return failure("cannot create a pipe: \(errnoText())") }
        guard makePipe(&errPipe) else {
            close(outPipe[0]); close(outPipe[1])
            return failure("cannot create a pipe: \(errnoText())")
        }
        let input = openInput(stdin)
        defer { if input >= 0 { close(input) } }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, input >= 0 ? input : 0, 0)
        posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        // The shell changes directory itself (posix_spawn has no portable chdir).
        let fullScript = "cd -- \(shellQuote(workDir)) || exit 127\n\(script)"
        let argv: [UnsafeMutablePointer<CChar>?] = [strdup(shell), strdup("-c"), strdup(fullScript), nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, shell, &actions, &attributes, argv, environ)
        close(outPipe[1])
        close(errPipe[1])
        defer {
            close(outPipe[0])
            close(errPipe[0])
        }
        guard spawned == 0 else {
            return failure("cannot start \(shell): \(String(cString: strerror(spawned)))")
        }
        return collect(pid: pid, stdout: outPipe[0], stderr: errPipe[0], timeout: timeout, stop: stop)
    }

    private static func collect(pid: pid_t, stdout: Int32, stderr: Int32, timeout: Duration, stop: StopSignal) -> Outcome {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        var out = Capture()
        var err = Capture()
        var status: Int32 = 0
        var exited = false
        var exitedAt: ContinuousClock.Instant?
        var timedOut = false
        var killed = false
        var buffer = [UInt8](repeating: 0, count: 65_536)

        while true {
            if !exited, waitpid(pid, &status, WNOHANG) == pid {
                exited = true
                exitedAt = clock.now
            }
            if exited, out.closed, err.closed { break }
            if let exitedAt, clock.now - exitedAt > drainGrace {
                kill(-pid, SIGKILL)  // background children still hold the pipes
                break
            }
            if !killed, clock.now >= deadline || stop.isStopped {
                timedOut = clock.now >= deadline
                kill(-pid, SIGKILL)
                killed = true
            }
            var fds = [
                pollfd(fd: out.closed ? -1 : stdout, events: Int16(POLLIN), revents: 0),
                pollfd(fd: err.closed ? -1 : stderr, events: Int16(POLLIN), revents: 0),
            ]
            let ready = poll(&fds, nfds_t(fds.count), 20)
            guard ready > 0 else { continue }
            for (index, descriptor) in [stdout, stderr].enumerated() where fds[index].revents != 0 {
                let count = read(descriptor, &buffer, buffer.count)
                if count > 0 {
                    if index == 0 { out.append(buffer[0..<count]) } else { err.append(buffer[0..<count]) }
                } else if count == 0 || (errno != EINTR && errno != EAGAIN) {
                    if index == 0 { out.closed = true } else { err.closed = true }
                }
            }
        }
        if !exited {
            while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        }
        let signal = status & 0x7F
        let exitCode: Int = timedOut ? 124 : signal == 0 ? Int((status >> 8) & 0xFF) : 128 + Int(signal)
        return Outcome(exitCode: exitCode, stdout: out.text, stderr: err.text, timedOut: timedOut)
    }

    /// Keeps the first `maxOutputBytes` of a stream, counting the rest.
    struct Capture {
        var bytes: [UInt8] = []
        var total = 0
        var closed = false

        mutating func append(_ chunk: ArraySlice<UInt8>) {
            total += chunk.count
            let room = CommandRunner.maxOutputBytes - bytes.count
            if room > 0 { bytes += chunk.prefix(room) }
        }

        var text: String {
            let decoded = String(decoding: bytes, as: UTF8.self)
            guard total > CommandRunner.maxOutputBytes else { return decoded }
            return TextLimits.prefix(decoded, maxBytes: CommandRunner.maxOutputBytes) + "...(truncated)"
        }
    }

    /// The command's standard input: a file holding `stdin` (unlinked once
    /// open), or /dev/null.
    private static func openInput(_ stdin: String?) -> Int32 {
        guard let stdin, !stdin.isEmpty else { return open("/dev/null", O_RDONLY | O_CLOEXEC) }
        var template = Array((NSTemporaryDirectory() + "/sympozium-stdin-XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { buffer -> Int32 in
            guard let base = buffer.baseAddress else { return -1 }
            return mkstemp(base)
        }
        if descriptor >= 0 { _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC) }
        guard descriptor >= 0 else { return open("/dev/null", O_RDONLY | O_CLOEXEC) }
        template.withUnsafeBufferPointer { buffer in
            if let base = buffer.baseAddress { unlink(base) }
        }
        let bytes = Array(stdin.utf8)
        var written = 0
        while written < bytes.count {
            let count = bytes[written...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if count <= 0 { break }
            written += count
        }
        lseek(descriptor, 0, SEEK_SET)
        return descriptor
    }

    /// A pipe whose ends are not inherited by other children.
    private static func makePipe(_ ends: inout [Int32]) -> Bool {
        guard pipe(&ends) == 0 else { return false }
        for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        return true
    }

    static func shellQuote(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    private static func failure(_ message: String) -> Outcome {
        Outcome(exitCode: 127, stdout: "", stderr: message, timedOut: false)
    }

    private static func errnoText() -> String { String(cString: strerror(errno)) }
}
