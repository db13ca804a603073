import ClusterTestSupport
import Foundation
import Testing

/// A private tmux server (own socket) running one program in a pane of a
/// given size, driven with send-keys and read with capture-pane. The pane runs
/// a script that records the terminal settings before and after the program,
/// its pid and its exit status.
struct TUITmux {
    let tmux: String
    let directory: URL
    var socket: String { directory.appending(path: "tmux.sock").path }
    let session = "tui"

    static var tmuxPath: String? { SystemComponent.require("/usr/bin/tmux", hint: "apt-get install tmux") }

    /// Starts `command` (already quoted for sh) in a width×height pane.
    static func start(_ command: String, environment: [String: String], width: Int = 80, height: Int = 24) async throws -> TUITmux? {
        guard let tmux = tmuxPath else { return nil }
        let directory = FileManager.default.temporaryDirectory.appending(path: "tui-tmux-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let session = TUITmux(tmux: tmux, directory: directory)
        let exports = environment.sorted { $0.key < $1.key }.map { $0.value.isEmpty ? "unset \($0.key)" : "export \($0.key)='\($0.value)'" }.joined(separator: "\n")
        let script = """
            \(exports)
            cd '\(directory.path)'
            stty -g > stty-before
            sh -c 'echo $$ > pid; exec \(command)'
            echo "TUI-EXIT=$?"
            stty -g > stty-after
            echo done > finished
            sleep 600
            """
        try Data(script.utf8).write(to: directory.appending(path: "pane.sh"))
        try await session.run([
            "new-session", "-d", "-s", session.session, "-x", "\(width)", "-y", "\(height)", "sh '\(directory.appending(path: "pane.sh").path)'",
        ])
        return session
    }

    @discardableResult
    func run(_ arguments: [String]) async throws -> String {
        let output = try await TUISpawn.run(tmux, ["-S", socket, "-f", "/dev/null"] + arguments, directory: directory)
        if output.status != 0 { Issue.record("tmux \(arguments.joined(separator: " ")) exited with \(output.status)") }
        return output.stdout
    }

    /// Keys by tmux name ("Enter", "Escape", "BTab", "j").
    func keys(_ keys: String...) async throws {
        try await run(["send-keys", "-t", session] + keys)
    }

    /// Text typed as is.
    func type(_ text: String) async throws {
        try await run(["send-keys", "-t", session, "-l", text])
    }

    /// The pane's text (with escape sequences when `escapes`).
    func capture(escapes: Bool = false) async throws -> String {
        try await run(["capture-pane", "-p", "-t", session] + (escapes ? ["-e"] : []))
    }

    func display(_ format: String) async throws -> String {
        try await run(["display-message", "-p", "-t", session, format]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func resize(width: Int, height: Int) async throws {
        try await run(["resize-window", "-t", session, "-x", "\(width)", "-y", "\(height)"])
    }

    /// Waits (at most `timeout`) until the pane shows what `condition` wants; returns that capture.
    @discardableResult
    func waitFor(
        _ what: String, timeout: Duration = .seconds(20), sourceLocation: SourceLocation = #_sourceLocation,
        _ condition: @escaping (String) -> Bool
    ) async throws -> String {
        let deadline = ContinuousClock.now + timeout
        var screen = ""
        while ContinuousClock.now < deadline {
            screen = try await capture()
            if condition(screen) { return screen }
            try await Task.sleep(for: .milliseconds(100))
        }
        Issue.record("timed out waiting for \(what); the screen:\n\(screen)", sourceLocation: sourceLocation)
        throw TUITimeout()
    }

    @discardableResult
    func waitFor(_ text: String, timeout: Duration = .seconds(20), sourceLocation: SourceLocation = #_sourceLocation) async throws -> String {
        try await waitFor("\"\(text)\"", timeout: timeout, sourceLocation: sourceLocation) { $0.contains(text) }
    }

    /// Waits for the program to end; its exit status.
    func waitForExit(timeout: Duration = .seconds(20)) async throws -> Int32? {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if FileManager.default.fileExists(atPath: directory.appending(path: "finished").path) {
                let screen = try await capture()
                guard let line = screen.split(separator: "\n").first(where: { $0.hasPrefix("TUI-EXIT=") }) else { return nil }
                return Int32(line.dropFirst("TUI-EXIT=".count).trimmingCharacters(in: .whitespaces))
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        Issue.record("the TUI did not exit; the screen:\n\(try await capture())")
        return nil
    }

    /// The terminal settings before and after the program ran.
    func sttyBeforeAndAfter() throws -> (String, String) {
        let before = try String(contentsOf: directory.appending(path: "stty-before"), encoding: .utf8)
        let after = try String(contentsOf: directory.appending(path: "stty-after"), encoding: .utf8)
        return (before, after)
    }

    var pid: Int32? {
        (try? String(contentsOf: directory.appending(path: "pid"), encoding: .utf8)).flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }

    /// Ends the tmux server (and the pane's programs) and removes the files.
    func stop() async {
        // The server inherits the test process's blocked signals, so kill-server
        // alone may leave it (and the pane) running: end both by pid as well.
        let pids = (try? await TUISpawn.run(
            tmux, ["-S", socket, "-f", "/dev/null", "display-message", "-p", "-t", session, "#{pid} #{pane_pid}"], directory: directory))?
            .stdout.split(separator: " ").compactMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) } ?? []
        _ = try? await TUISpawn.run(tmux, ["-S", socket, "-f", "/dev/null", "kill-server"], directory: directory)
        for pid in pids.reversed() where pid > 1 { kill(pid, SIGKILL) }
        try? FileManager.default.removeItem(at: directory)
    }
}

struct TUITimeout: Error {}

/// Runs a short program with posix_spawn and reaps it with waitpid on a
/// dedicated thread. (Foundation's Process sometimes never reports the exit of
/// the many very short tmux clients, which would hang the test.)
enum TUISpawn {
    static func run(_ executable: String, _ arguments: [String], directory: URL) async throws -> (status: Int32, stdout: String) {
        let output = directory.appending(path: "spawn-\(UUID().uuidString.prefix(8)).out").path
        defer { try? FileManager.default.removeItem(atPath: output) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, environ)
        guard spawned == 0 else { throw TUISpawnError(errno: spawned) }
        let child = pid
        let status: Int32 = await withCheckedContinuation { continuation in
            let thread = Thread {
                var status: Int32 = 0
                while waitpid(child, &status, 0) < 0 {
                    if errno != EINTR {
                        continuation.resume(returning: -1)
                        return
                    }
                }
                // Exited normally: the exit code; else -1.
                continuation.resume(returning: status & 0x7F == 0 ? (status >> 8) & 0xFF : -1)
            }
            thread.start()
        }
        return (status, (try? String(contentsOfFile: output, encoding: .utf8)) ?? "")
    }
}

struct TUISpawnError: Error {
    var errno: Int32
}
