import ClusterTestSupport
import Foundation
#if canImport(Glibc)
    import Glibc
#endif
import KubeClient
import KubeModel
import SympoziumAPI
import Testing

/// The real `sympozium` binary: `sympozium apiserver` against an embedded
/// API server, and `sympozium up` serving the API with its nats-server bus.
@Suite("`sympozium apiserver` and `sympozium up` serve the API as processes", .serialized)
struct APIServerProcessTests {
    /// A process whose output goes to a file, stopped with SIGTERM.
    final class Child: @unchecked Sendable {
        let process = Process()
        let log: URL

        /// `environment` adds to this process's; `unset` names variables the child must not see.
        init(_ binary: String, _ arguments: [String], environment: [String: String] = [:], unset: [String] = [], log: URL) throws {
            self.log = log
            _ = FileManager.default.createFile(atPath: log.path, contents: nil)
            process.executableURL = URL(fileURLWithPath: binary)
            process.arguments = arguments
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }.filter { !unset.contains($0.key) }
            process.standardOutput = try FileHandle(forWritingTo: log)
            process.standardError = try FileHandle(forWritingTo: log)
            try process.run()
        }

        var output: String { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }

        /// SIGTERM, then the exit status (SIGKILL and nil after 30 s).
        func stop() async -> Int32? {
            guard process.isRunning else { return process.terminationStatus }
            process.terminate()
            for _ in 0..<300 where process.isRunning { try? await Task.sleep(for: .milliseconds(100)) }
            guard !process.isRunning else {
                kill(process.processIdentifier, SIGKILL)
                return nil
            }
            return process.terminationStatus
        }
    }

    @Test("apiserver: --token-file guards /api, /readyz reaches Kubernetes, --help lists the routes, SIGTERM exits 0")
    func apiserverCommand() async throws {
        guard let binary = SystemComponent.sympozium else { return }
        let help = try await ProcessRunner.run(binary, ["apiserver", "--help"])
        #expect(help.succeeded)
        for text in ["/api/v1/runs", "/ws/stream", "--token-file", "SYMPOZIUM_API_TOKEN", "--event-bus-url"] {
            #expect(help.stdout.contains(text), "--help mentions \(text)")
        }
        let cluster = try await TestCluster.start()
        let tokenFile = cluster.directory.appending(path: "token")
        try Data("file-token\n".utf8).write(to: tokenFile)
        let port = LocalPort.free()
        let child = try Child(
            binary, ["apiserver", "--kubeconfig", cluster.kubeconfig.path, "--port", "\(port)", "--token-file", tokenFile.path],
            environment: ["SYMPOZIUM_API_TOKEN": "ignored-when-a-file-is-given"], unset: ["SYMPOZIUM_EVENT_BUS_URL"],
            log: cluster.directory.appending(path: "apiserver.log"))
        do {
            let base = "http://127.0.0.1:\(port)"
            try await waitUntil("the API server to answer", timeout: .seconds(30)) {
                (try? await HTTPAnswer.fetch(.GET, "\(base)/readyz"))?.status == 200
            }
            #expect(try await HTTPAnswer.fetch(.GET, "\(base)/api/v1/namespaces").status == 401)
            #expect(try await HTTPAnswer.fetch(.GET, "\(base)/api/v1/namespaces", token: "ignored-when-a-file-is-given").status == 401)
            let namespaces = try await HTTPAnswer.fetch(.GET, "\(base)/api/v1/namespaces", token: "file-token")
            #expect(namespaces.itemNames.contains("default"), "\(namespaces.text)")
            #expect(try await HTTPAnswer.fetch(.GET, "\(base)/ws/stream", token: "file-token").code == "EventBusUnavailable")
            let status = await child.stop()
            #expect(status == 0, "\(child.output)")
            #expect(!child.output.contains("file-token"), "the token is never logged")
        } catch {
            _ = await child.stop()
            await cluster.stopAndRemove()
            throw error
        }
        await cluster.stopAndRemove()
    }

    @Test("up: the API on --api-port with the nats-server bus; a run started over the WebSocket reports its end there; doctor finds the API; SIGTERM exits 0")
    func upServesTheAPI() async throws {
        let natsPath = EmbeddedNATS.path
        guard let binary = SystemComponent.sympozium,
            SystemComponent.require("/usr/bin/bwrap", hint: "apt-get install bubblewrap") != nil,
            SystemComponent.require(natsPath, hint: "apt-get install nats-server") != nil
        else { return }
        let directory = FileManager.default.temporaryDirectory.appending(path: "api-up-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        // The agent prints and exits; the bridge has nothing to do: the run succeeds at once.
        let agent = directory.appending(path: "agent")
        try Data("#!/bin/sh\necho 'hello from the agent'\n".utf8).write(to: agent)
        let bridge = directory.appending(path: "bridge")
        try Data("#!/bin/sh\nexit 0\n".utf8).write(to: bridge)
        chmod(agent.path, 0o755)
        chmod(bridge.path, 0o755)
        let data = directory.appending(path: "data")
        let child = try Child(
            binary,
            [
                "up", "--data-dir", data.path, "--port", "0", "--api-port", "0", "--log-level", "warning",
                "--image", "ghcr.io/sympozium-ai/sympozium/agent-runner*=\(agent.path)",
                "--image", "ghcr.io/sympozium-ai/sympozium/ipc-bridge*=\(bridge.path)",
            ],
            unset: ["SYMPOZIUM_API_TOKEN"], log: directory.appending(path: "up.log"))
        do {
            try await drive(child: child, data: data, binary: binary)
        } catch {
            _ = await child.stop()
            throw error
        }
        let status = await child.stop()
        #expect(status == 0, "sympozium up exits 0 on SIGTERM: \(child.output.suffix(3000))")
    }

    private func drive(child: Child, data: URL, binary: String) async throws {
        var apiURL: String?
        try await waitUntil("sympozium up to print the API's URL", timeout: .seconds(60)) {
            apiURL = Self.apiURL(in: child.output)
            return apiURL != nil || !child.process.isRunning
        }
        let base = try #require(apiURL, "\(child.output)")
        #expect(!child.output.contains("in-process event bus"), "up runs nats-server as its bus: \(child.output)")
        let client = try KubeClient(ClientConfiguration.fromKubeconfig(paths: [data.appending(path: "kubeconfig").path]))
        do {
            try await exercise(base: base, client: client, data: data, binary: binary)
        } catch {
            try? await client.shutdown()
            throw error
        }
        try await client.shutdown()
    }

    private func exercise(base: String, client: KubeClient, data: URL, binary: String) async throws {
        try await waitUntil("the CRDs", timeout: .seconds(30)) {
            (try? await HTTPAnswer.fetch(.GET, "\(base)/api/v1/instances"))?.status == 200
        }
        let secret = Secret(metadata: ObjectMeta(name: "live-key", namespace: "default"), stringData: ["OPENAI_API_KEY": "not-used"])
        _ = try await Api<Secret>(client, namespace: "default").create(secret)
        let instance = try await HTTPAnswer.fetch(
            .POST, "\(base)/api/v1/instances",
            body: #"{"metadata": {"name": "live"}, "spec": {"agents": {"default": {"model": "gpt-4o"}}, "authRefs": [{"provider": "openai", "secret": "live-key"}]}}"#)
        #expect(instance.status == 201, "\(instance.text)")

        let stream = StreamClient.connect(base.replacingOccurrences(of: "http://", with: "ws://") + "/ws/stream?instance=live")
        _ = try await stream.next(type: "subscribed", timeout: .seconds(20))
        stream.send(#"{"type": "run", "instance": "live", "task": "say hello"}"#)
        let created = try await stream.next(type: "run.created", timeout: .seconds(20))
        let run = try #require(created["name"]?.stringValue)
        var outcome: JSONValue?
        while outcome == nil {
            let event = try await stream.next(type: "event", timeout: .seconds(90))
            if event["metadata"]?["agentRunID"]?.stringValue == run, event["topic"]?.stringValue?.hasPrefix("agent.run.") == true {
                outcome = event
            }
        }
        #expect(outcome?["topic"]?.stringValue == "agent.run.completed", "\(String(describing: outcome))")
        let listed = try await HTTPAnswer.fetch(.GET, "\(base)/api/v1/runs?instance=live")
        #expect(listed.itemNames == [run])

        let doctor = try await ProcessRunner.run(
            binary, ["doctor", "--kubeconfig", data.appending(path: "kubeconfig").path], environment: ["NO_COLOR": "1"])
        #expect(doctor.stdout.contains("✓ API server: \(base) answers"), "\(doctor.stdout)")
        try await stream.close()
    }

    /// The URL in "Sympozium API is up on http://127.0.0.1:PORT".
    static func apiURL(in output: String) -> String? {
        guard let range = output.range(of: "Sympozium API is up on ") else { return nil }
        let url = output[range.upperBound...].prefix { !$0.isWhitespace }
        return url.isEmpty ? nil : String(url)
    }
}

/// Where `sympozium up` finds nats-server.
enum EmbeddedNATS {
    static var path: String {
        ["/usr/sbin/nats-server", "/usr/bin/nats-server", "/usr/local/bin/nats-server"]
            .first { FileManager.default.isExecutableFile(atPath: $0) } ?? "/usr/sbin/nats-server"
    }
}
