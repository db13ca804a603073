import ClusterTestSupport
import Foundation
import Testing

/// The TUI's log view on a run that is really running: `sympozium up` with its
/// local node runs an agent image mapped to a script that writes a line every
/// quarter second, and the open view shows lines written after it opened.
@Suite("sympozium TUI follows a live run's logs (sympozium up, tmux)", .serialized)
struct TUILiveLogsTests {
    static let objects = """
        apiVersion: v1
        kind: Secret
        metadata: {name: live-key}
        stringData: {OPENAI_API_KEY: not-used}
        ---
        apiVersion: sympozium.ai/v1alpha1
        kind: SympoziumInstance
        metadata: {name: live}
        spec:
          agents: {default: {model: gpt-4o}}
          authRefs: [{provider: openai, secret: live-key}]
        ---
        apiVersion: sympozium.ai/v1alpha1
        kind: AgentRun
        metadata: {name: ticking}
        spec:
          instanceRef: live
          agentId: default
          task: count
          sessionKey: s1
          model: {provider: openai, model: gpt-4o, authSecretRef: live-key}
        """

    @Test("the log view of a running agent shows each new line as the agent writes it")
    func followsARunningAgent() async throws {
        guard TUITmux.tmuxPath != nil, let binary = SystemComponent.sympozium, let kubectl = SystemComponent.kubectl,
            SystemComponent.require("/usr/bin/bwrap", hint: "apt-get install bubblewrap") != nil
        else { return }
        let directory = FileManager.default.temporaryDirectory.appending(path: "tui-live-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let agent = directory.appending(path: "ticking-agent")
        try Data("#!/bin/sh\nfor i in $(seq 1 120); do echo \"tick $i\"; sleep 0.25; done\n".utf8).write(to: agent)
        let bridge = directory.appending(path: "idle-bridge")
        try Data("#!/bin/sh\nsleep 30\n".utf8).write(to: bridge)
        chmod(agent.path, 0o755)
        chmod(bridge.path, 0o755)

        let up = Process()
        up.executableURL = URL(fileURLWithPath: binary)
        up.arguments = [
            "up", "--data-dir", directory.appending(path: "data").path, "--port", "0", "--log-level", "warning",
            "--image", "ghcr.io/sympozium-ai/sympozium/agent-runner*=\(agent.path)",
            "--image", "ghcr.io/sympozium-ai/sympozium/ipc-bridge*=\(bridge.path)",
        ]
        let log = directory.appending(path: "up.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        up.standardOutput = try FileHandle(forWritingTo: log)
        up.standardError = try FileHandle(forWritingTo: log)
        try up.run()
        do {
            try await drive(binary: binary, kubectl: kubectl, directory: directory)
        } catch {
            await Self.stop(up)
            throw error
        }
        await Self.stop(up)
    }

    /// SIGTERM, then SIGKILL if `sympozium up` has not exited after 30 s.
    static func stop(_ up: Process) async {
        up.terminate()
        for _ in 0..<300 where up.isRunning { try? await Task.sleep(for: .milliseconds(100)) }
        if up.isRunning { kill(up.processIdentifier, SIGKILL) }
    }

    private func drive(binary: String, kubectl: String, directory: URL) async throws {
        let kubeconfig = directory.appending(path: "data/kubeconfig")
        let environment = ["KUBECONFIG": kubeconfig.path, "HOME": directory.path]
        func kubectlRun(_ arguments: [String], stdin: String? = nil) async throws -> ProcessOutput {
            try await ProcessRunner.run(kubectl, arguments, environment: environment, stdin: stdin)
        }
        try await poll("sympozium up to serve") { try await kubectlRun(["get", "crd", "agentruns.sympozium.ai"]).succeeded }
        let applied = try await kubectlRun(["apply", "-f", "-"], stdin: Self.objects)
        #expect(applied.succeeded, "\(applied.stderr)")
        try await poll("the run to be Running") {
            try await kubectlRun(["get", "agentrun", "ticking", "-o", "jsonpath={.status.phase}"]).stdout == "Running"
        }

        let command = "'\(binary)' --kubeconfig '\(kubeconfig.path)'"
        guard let tmux = try await TUITmux.start(command, environment: ["HOME": directory.path, "TERM": "xterm-256color", "NO_COLOR": "1"])
        else { return }
        do {
            try await tmux.waitFor("> live")
            try await tmux.keys("2")
            try await tmux.waitFor("> ticking")
            try await tmux.keys("l")
            let opened = try await tmux.waitFor("the first lines") { $0.contains("tick 2") }
            let last = Self.lastTick(in: opened)
            // Lines written after the view opened appear in it without a key press.
            let later = try await tmux.waitFor("lines written after the view opened", timeout: .seconds(20)) {
                Self.lastTick(in: $0) >= last + 8
            }
            #expect(Self.lastTick(in: later) > last)
            try await tmux.keys("Escape")
            try await tmux.keys("q")
            #expect(try await tmux.waitForExit() == 0)
        } catch {
            await tmux.stop()
            throw error
        }
        await tmux.stop()
    }

    /// The highest `tick N` on the screen.
    static func lastTick(in screen: String) -> Int {
        screen.split(separator: "\n").compactMap { line -> Int? in
            guard let range = line.range(of: "tick ") else { return nil }
            return Int(line[range.upperBound...].prefix { $0.isNumber })
        }.max() ?? 0
    }

    private func poll(_ what: String, timeout: Duration = .seconds(60), _ condition: () async throws -> Bool) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if (try? await condition()) == true { return }
            try await Task.sleep(for: .milliseconds(200))
        }
        Issue.record("timed out waiting for \(what)")
        throw CancellationError()
    }
}
