import Foundation
import Synchronization

/// One spawned container process (the launcher chain ending in bwrap) and the
/// dedicated thread that owns it: the thread spawns it (so bwrap's
/// parent-death signal follows the thread's life, which is the child's),
/// copies its output into the log file with a timestamp per line, reads the
/// sandbox's pid from bwrap's info fd and reaps it. Nothing here runs on the
/// cooperative pool.
public final class SandboxProcess: Sendable {
    struct State {
        var pid: pid_t = 0
        /// The container's init as seen from the host (from bwrap's --info-fd).
        var sandboxPID: pid_t?
        var exit: ProcessExit?
        var waiters: [CheckedContinuation<ProcessExit, Never>] = []
        var pidWaiters: [CheckedContinuation<pid_t?, Never>] = []
        var infoDone = false
    }

    private let state = Mutex(State())

    /// The launcher's pid (bwrap or the tool that execs it).
    public var pid: pid_t { state.withLock { $0.pid } }
    public var sandboxPID: pid_t? { state.withLock { $0.sandboxPID } }

    private init() {}

    /// Spawns `arguments[0]` with exactly `environment`, stdout and stderr
    /// into `logPath` (appended), stdin from /dev/null, and the write end of
    /// an info pipe as fd 3 when `infoFD` is set.
    public static func launch(
        arguments: [String], environment: [String: String], logPath: String, infoFD: Bool
    ) async throws -> SandboxProcess {
        let process = SandboxProcess()
        let started: Result<pid_t, NodeError> = await withCheckedContinuation { continuation in
            let thread = Thread {
                process.threadMain(arguments: arguments, environment: environment, logPath: logPath, infoFD: infoFD) {
                    continuation.resume(returning: $0)
                }
            }
            thread.stackSize = 256 * 1024
            thread.name = "sympozium-container"
            thread.start()
        }
        _ = try started.get()
        return process
    }

    /// Waits for the exit.
    public func wait() async -> ProcessExit {
        await withCheckedContinuation { continuation in
            let done: ProcessExit? = state.withLock { state in
                if let exit = state.exit { return exit }
                state.waiters.append(continuation)
                return nil
            }
            if let done { continuation.resume(returning: done) }
        }
    }

    /// Waits until bwrap reported the sandbox's pid (nil if it never did).
    public func waitForSandboxPID() async -> pid_t? {
        await withCheckedContinuation { continuation in
            let done: pid_t?? = state.withLock { state in
                if state.infoDone || state.exit != nil { return .some(state.sandboxPID) }
                state.pidWaiters.append(continuation)
                return .none
            }
            if let done { continuation.resume(returning: done) }
        }
    }

    public var hasExited: Bool { state.withLock { $0.exit != nil } }

    /// Sends `signal` to the container's init (SIGTERM lets it stop gracefully).
    public func signalSandbox(_ signal: Int32) {
        let (pid, sandbox, exited) = state.withLock { ($0.pid, $0.sandboxPID, $0.exit != nil) }
        guard !exited else { return }
        if let sandbox { kill(sandbox, signal) } else if pid > 0 { kill(pid, signal) }
    }

    /// Kills the whole sandbox: its init (the pid namespace dies with it) and bwrap.
    public func killAll() {
        let (pid, sandbox, exited) = state.withLock { ($0.pid, $0.sandboxPID, $0.exit != nil) }
        guard !exited else { return }
        if let sandbox { kill(sandbox, SIGKILL) }
        if pid > 0 { kill(pid, SIGKILL) }
    }

    // MARK: The thread

    private func threadMain(
        arguments: [String], environment: [String: String], logPath: String, infoFD: Bool,
        started: (Result<pid_t, NodeError>) -> Void
    ) {
        var output: [Int32] = [-1, -1]
        var info: [Int32] = [-1, -1]
        guard Self.closeOnExecPipe(&output) else {
            started(.failure(.spawnFailed(arguments.first ?? "", errno: errno)))
            return
        }
        if infoFD, !Self.closeOnExecPipe(&info) {
            close(output[0])
            close(output[1])
            started(.failure(.spawnFailed(arguments.first ?? "", errno: errno)))
            return
        }
        let logFD = open(logPath, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o640)
        let spawned = Self.spawn(arguments: arguments, environment: environment, output: output[1], info: infoFD ? info[1] : nil)
        close(output[1])
        if infoFD { close(info[1]) }
        switch spawned {
        case .failure(let error):
            close(output[0])
            if infoFD { close(info[0]) }
            if logFD >= 0 { close(logFD) }
            state.withLock { $0.exit = ProcessExit(exitCode: 127) }
            started(.failure(error))
            return
        case .success(let pid):
            state.withLock { $0.pid = pid }
            started(.success(pid))
            pump(output: output[0], info: infoFD ? info[0] : -1, log: logFD)
            close(output[0])
            if logFD >= 0 { close(logFD) }
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
            finish(ProcessExit(waitStatus: status))
        }
    }

    private func finish(_ exit: ProcessExit) {
        let (waiters, pidWaiters, sandbox) = state.withLock { state in
            state.exit = exit
            state.infoDone = true
            defer {
                state.waiters = []
                state.pidWaiters = []
            }
            return (state.waiters, state.pidWaiters, state.sandboxPID)
        }
        for waiter in pidWaiters { waiter.resume(returning: sandbox) }
        for waiter in waiters { waiter.resume(returning: exit) }
    }

    /// Copies output lines into the log with timestamps; reads the info fd.
    private func pump(output: Int32, info: Int32, log: Int32) {
        var fds = [pollfd(fd: output, events: Int16(POLLIN), revents: 0)]
        if info >= 0 { fds.append(pollfd(fd: info, events: Int16(POLLIN), revents: 0)) } else { infoFinished(Data()) }
        var pending = Data()
        var infoData = Data()
        var buffer = [UInt8](repeating: 0, count: 16384)
        var outputOpen = true
        var infoOpen = info >= 0
        while outputOpen {
            let ready = poll(&fds, nfds_t(fds.count), -1)
            if ready < 0 {
                if errno == EINTR { continue }
                break
            }
            for index in fds.indices where fds[index].revents != 0 && fds[index].fd >= 0 {
                let count = buffer.withUnsafeMutableBytes { read(fds[index].fd, $0.baseAddress, 16384) }
                if count < 0 && errno == EINTR { continue }
                if count <= 0 {
                    if fds[index].fd == output {
                        outputOpen = false
                    } else if infoOpen {
                        infoOpen = false
                        infoFinished(infoData)
                        close(info)
                    }
                    fds[index].fd = -1
                    continue
                }
                if fds[index].fd == output {
                    pending.append(contentsOf: buffer[0..<count])
                    Self.writeLines(&pending, to: log, flushAll: false)
                } else {
                    infoData.append(contentsOf: buffer[0..<count])
                }
            }
        }
        Self.writeLines(&pending, to: log, flushAll: true)
        if infoOpen {
            infoFinished(infoData)
            close(info)
        }
    }

    private func infoFinished(_ data: Data) {
        struct Info: Decodable {
            var childPID: Int32?
            enum CodingKeys: String, CodingKey { case childPID = "child-pid" }
        }
        let pid = (try? JSONDecoder().decode(Info.self, from: data))?.childPID
        let waiters = state.withLock { state in
            state.sandboxPID = pid
            state.infoDone = true
            defer { state.pidWaiters = [] }
            return state.pidWaiters
        }
        for waiter in waiters { waiter.resume(returning: pid) }
    }

    /// Writes complete lines (and, when flushing or past 16 KiB, the rest) prefixed by a timestamp.
    static func writeLines(_ pending: inout Data, to log: Int32, flushAll: Bool) {
        guard log >= 0 else {
            pending.removeAll()
            return
        }
        var text = Data()
        while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
            text.append(contentsOf: Array((LogTimestamp.now() + " ").utf8))
            text.append(pending[pending.startIndex...newline])
            pending.removeSubrange(pending.startIndex...newline)
        }
        if !pending.isEmpty && (flushAll || pending.count > 16384) {
            text.append(contentsOf: Array((LogTimestamp.now() + " ").utf8))
            text.append(pending)
            text.append(UInt8(ascii: "\n"))
            pending.removeAll()
        }
        guard !text.isEmpty else { return }
        text.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let written = write(log, raw.baseAddress.map { $0 + offset }, raw.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return
                }
                offset += written
            }
        }
    }
}
