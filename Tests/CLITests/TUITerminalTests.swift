import ClusterTestSupport
import Foundation
import Testing

/// The real `sympozium` binary's TUI in a tmux pane against an embedded API server.
@Suite("sympozium TUI in a terminal (tmux)", .serialized)
struct TUITerminalTests {
    static let objects = """
        apiVersion: sympozium.ai/v1alpha1
        kind: SympoziumPolicy
        metadata: {name: default-policy}
        spec: {featureGates: {code-execution: true}}
        ---
        apiVersion: sympozium.ai/v1alpha1
        kind: SympoziumInstance
        metadata: {name: alice}
        spec:
          agents: {default: {model: gpt-4o}}
          policyRef: default-policy
          authRefs: [{provider: openai, secret: alice-openai}]
        ---
        apiVersion: sympozium.ai/v1alpha1
        kind: SkillPack
        metadata: {name: notes}
        spec: {skills: [{name: summarise, content: "# Summarise"}]}
        ---
        apiVersion: sympozium.ai/v1alpha1
        kind: AgentRun
        metadata: {name: first}
        spec:
          instanceRef: alice
          agentId: default
          task: say hello
          sessionKey: s1
          model: {provider: openai, model: gpt-4o, authSecretRef: alice-openai}
        ---
        apiVersion: sympozium.ai/v1alpha1
        kind: SympoziumSchedule
        metadata: {name: daily}
        spec: {instanceRef: alice, schedule: "0 9 * * *", task: review alerts}
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: first-pod
          labels: {sympozium.ai/role: agent, sympozium.ai/instance: alice}
        spec:
          containers: [{name: agent, image: ghcr.io/sympozium-ai/agent-runner:latest}]
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: alice-channel-slack
          labels: {sympozium.ai/component: channel, sympozium.ai/instance: alice, sympozium.ai/channel: slack}
        spec:
          selector: {matchLabels: {sympozium.ai/instance: alice, sympozium.ai/channel: slack}}
          template:
            metadata: {labels: {sympozium.ai/instance: alice, sympozium.ai/channel: slack}}
            spec: {containers: [{name: channel, image: ghcr.io/sympozium-ai/channel-slack:latest}]}
        """

    /// A cluster with the CRDs and the sample objects; the run "first" points at its pod.
    static func prepare() async throws -> SympoziumCLI? {
        guard TUITmux.tmuxPath != nil, let cli = try await SympoziumCLI.start() else { return nil }
        do {
            try await cli.installCRDs()
            try await cli.cluster.kubectlOK(["apply", "-f", "-"], stdin: objects)
            try await cli.cluster.kubectlOK([
                "patch", "agentrun", "first", "--subresource=status", "--type=merge", "-p",
                #"{"status":{"phase":"Running","podName":"first-pod","startedAt":"2026-01-01T00:00:00Z"}}"#,
            ])
        } catch {
            await cli.cluster.stopAndRemove()
            throw error
        }
        return cli
    }

    static func command(_ cli: SympoziumCLI) -> String {
        "'\(cli.binary)' --kubeconfig '\(cli.cluster.kubeconfig.path)'"
    }

    static func environment(_ cli: SympoziumCLI, noColour: Bool) -> [String: String] {
        var environment = ["HOME": cli.cluster.directory.path, "TERM": "xterm-256color"]
        // An empty value unsets the variable in the pane.
        environment["NO_COLOR"] = noColour ? "1" : ""
        return environment
    }

    /// Lines of a capture (tmux ends it with a newline).
    static func lines(_ screen: String) -> [Substring] {
        screen.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
    }

    @Test("every view, a run's logs, describe, delete with confirmation, /run, resize; q restores the terminal")
    func session() async throws {
        guard let cli = try await Self.prepare() else { return }
        guard let tmux = try await TUITmux.start(Self.command(cli), environment: Self.environment(cli, noColour: true)) else {
            await cli.cluster.stopAndRemove()
            return
        }
        do {
            try await drive(tmux, cli)
        } catch {
            await tmux.stop()
            await cli.cluster.stopAndRemove()
            throw error
        }
        await tmux.stop()
        await cli.cluster.stopAndRemove()
    }

    private func drive(_ tmux: TUITmux, _ cli: SympoziumCLI) async throws {
        // View 1 at 80×24.
        var screen = try await tmux.waitFor("> alice")
        #expect(screen.contains("namespace: default"))
        #expect(screen.contains("[1 Instances]"))
        #expect(Self.lines(screen).count == 24)
        #expect(Self.lines(screen).allSatisfy { $0.count <= 80 })
        #expect(try await tmux.display("#{alternate_on}") == "1")
        #expect(!(try await tmux.capture(escapes: true)).contains("36m"), "NO_COLOR: no colours")

        // Every view, by number, Tab and Shift-Tab.
        let views: [(key: String, tab: String, shows: String)] = [
            ("2", "[2 Runs]", "first"), ("3", "[3 Policies]", "default-policy"), ("4", "[4 Skills]", "notes"),
            ("5", "[5 Channels]", "alice-channel-slack"), ("6", "[6 Pods]", "first-pod"), ("7", "[7 Schedules]", "daily"),
        ]
        for view in views {
            try await tmux.keys(view.key)
            try await tmux.waitFor("view \(view.key)") { $0.contains(view.tab) && $0.contains(view.shows) }
        }
        try await tmux.keys("Tab")
        try await tmux.waitFor("[1 Instances]")
        try await tmux.keys("BTab")
        try await tmux.waitFor("[7 Schedules]")

        // A run's logs: the agent container of status.podName; no node runs it, so the server's answer shows.
        try await tmux.keys("2")
        try await tmux.waitFor("> first")
        try await tmux.keys("l")
        screen = try await tmux.waitFor("the log panel's answer") {
            $0.contains("pod first-pod, container agent") && ($0.contains("no log:") || $0.contains("error:") || $0.contains("end of log"))
        }
        #expect(Self.lines(screen).allSatisfy { $0.count <= 80 })
        try await tmux.keys("Escape")
        try await tmux.waitFor("> first")

        // Describe as YAML.
        try await tmux.keys("d")
        try await tmux.waitFor("kind: AgentRun")
        try await tmux.keys("Escape")

        // /run creates an AgentRun of the only instance with its model and secret.
        try await tmux.keys("/")
        try await tmux.type("run summarise the news")
        try await tmux.keys("Enter")
        screen = try await tmux.waitFor("created")
        let created = try await cli.cluster.kubectlOK([
            "get", "agentruns", "-o", "jsonpath={range .items[*]}{.metadata.name}|{.spec.task}|{.spec.model.model}|{.spec.model.authSecretRef}{\"\\n\"}{end}",
        ])
        let run = try #require(created.split(separator: "\n").first { $0.hasSuffix("|summarise the news|gpt-4o|alice-openai") })
        let runName = String(run.split(separator: "|")[0])
        #expect(runName.hasPrefix("alice-run-"))
        try await tmux.waitFor("> \(runName)")

        // x asks; n keeps the run, y deletes it.
        try await tmux.keys("x")
        try await tmux.waitFor("Delete run \(runName)? (y/n)")
        try await tmux.keys("n")
        try await tmux.waitFor("cancelled")
        #expect(try await cli.cluster.kubectl(["get", "agentrun", runName]).succeeded)
        try await tmux.keys("x")
        try await tmux.waitFor("Delete run \(runName)? (y/n)")
        try await tmux.keys("y")
        try await tmux.waitFor("the deleted run leaves the list") { screen in
            screen.contains("run \(runName) deleted") && screen.contains("> first")
                && !Self.lines(screen).contains { $0.hasPrefix("  \(runName)") || $0.hasPrefix("> \(runName)") }
        }
        #expect(try await cli.cluster.kubectl(["get", "agentrun", runName]).stderr.contains("NotFound"))

        // /delete with confirmation.
        try await tmux.keys("/")
        try await tmux.type("delete schedule daily")
        try await tmux.keys("Enter")
        try await tmux.waitFor("Delete schedule daily? (y/n)")
        try await tmux.keys("y")
        try await tmux.waitFor("schedule daily deleted")

        // Resize: the frame follows.
        try await tmux.resize(width: 120, height: 30)
        screen = try await tmux.waitFor("a 120×30 frame") { screen in
            let lines = Self.lines(screen)
            return lines.count == 30 && lines[0].hasSuffix("? help") && lines[0].count > 100
        }
        #expect(Self.lines(screen).allSatisfy { $0.count <= 120 })
        try await tmux.resize(width: 80, height: 24)
        try await tmux.waitFor("an 80×24 frame") { Self.lines($0).count == 24 && Self.lines($0)[0].hasSuffix("? help") }

        // q: the shell's terminal is back as it was.
        try await tmux.keys("q")
        #expect(try await tmux.waitForExit() == 0)
        let (before, after) = try tmux.sttyBeforeAndAfter()
        #expect(before == after)
        #expect(try await tmux.display("#{alternate_on}") == "0")
        #expect(try await tmux.display("#{cursor_flag}") == "1")
    }

    @Test("SIGTERM ends the TUI with the terminal restored (exit 143); colours on a terminal")
    func sigterm() async throws {
        guard let cli = try await Self.prepare() else { return }
        guard let tmux = try await TUITmux.start(Self.command(cli), environment: Self.environment(cli, noColour: false)) else {
            await cli.cluster.stopAndRemove()
            return
        }
        do {
            try await tmux.waitFor("> alice")
            let styled = try await tmux.capture(escapes: true)
            #expect(styled.contains("36m"), "colours without NO_COLOR")
            let pid = try #require(tmux.pid)
            #expect(kill(pid, SIGTERM) == 0)
            #expect(try await tmux.waitForExit() == 143)
            let (before, after) = try tmux.sttyBeforeAndAfter()
            #expect(before == after)
            #expect(try await tmux.display("#{alternate_on}") == "0")
            #expect(try await tmux.display("#{cursor_flag}") == "1")
        } catch {
            await tmux.stop()
            await cli.cluster.stopAndRemove()
            throw error
        }
        await tmux.stop()
        await cli.cluster.stopAndRemove()
    }

    @Test("without a reachable cluster: a clear error, exit 1, the terminal untouched")
    func unreachable() async throws {
        guard TUITmux.tmuxPath != nil else { return }
        guard let binary = SystemComponent.sympozium else { return }
        let directory = FileManager.default.temporaryDirectory.appending(path: "tui-unreachable-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let kubeconfig = directory.appending(path: "kubeconfig")
        try Data(
            """
            apiVersion: v1
            kind: Config
            clusters: [{name: c, cluster: {server: "https://127.0.0.1:1", insecure-skip-tls-verify: true}}]
            users: [{name: u, user: {token: t}}]
            contexts: [{name: x, context: {cluster: c, user: u}}]
            current-context: x
            """.utf8
        ).write(to: kubeconfig)
        guard let tmux = try await TUITmux.start("'\(binary)' --kubeconfig '\(kubeconfig.path)'", environment: ["HOME": directory.path]) else {
            return
        }
        do {
            #expect(try await tmux.waitForExit() == 1)
            let screen = try await tmux.capture()
            #expect(screen.contains("error: cannot reach the cluster at https://127.0.0.1:1"))
            let (before, after) = try tmux.sttyBeforeAndAfter()
            #expect(before == after)
            #expect(try await tmux.display("#{alternate_on}") == "0")
        } catch {
            await tmux.stop()
            throw error
        }
        await tmux.stop()
    }
}
