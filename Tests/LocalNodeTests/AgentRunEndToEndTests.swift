import ClusterTestSupport
import Foundation
import Testing

@Suite(.serialized) struct AgentRunEndToEndTests {
    static func manifests(baseURL: String) -> String {
        """
        apiVersion: v1
        kind: Secret
        metadata: {name: llm-key, namespace: default}
        stringData: {OPENAI_API_KEY: test-key}
        ---
        apiVersion: sympozium.ai/v1alpha1
        kind: SympoziumInstance
        metadata: {name: helper, namespace: default}
        spec:
          agents:
            default: {model: fake-model, baseURL: "\(baseURL)"}
          authRefs:
          - {provider: openai, secret: llm-key}
        ---
        apiVersion: sympozium.ai/v1alpha1
        kind: AgentRun
        metadata: {name: hello-run, namespace: default}
        spec:
          instanceRef: helper
          agentId: default
          sessionKey: test-session
          task: "Say hello"
          cleanup: keep
          model: {provider: openai, model: fake-model, baseURL: "\(baseURL)", authSecretRef: llm-key}
        """
    }

    /// `sympozium up` in the background, kubectl applies an instance and an
    /// AgentRun whose provider is a local fake OpenAI server: the run
    /// succeeds with the model's answer as its result, and kubectl logs shows
    /// the agent container's output.
    @Test func agentRunSucceedsAgainstAFakeOpenAIServer() async throws {
        guard NodeCluster.bwrapAvailable, SystemComponent.kubectl != nil, UpProcess.executable != nil else { return }
        let fake = try FakeOpenAIServer(reply: "Hello from the fake model")
        defer { fake.stop() }
        let directory = FileManager.default.temporaryDirectory.appending(path: "sympozium-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        // The real IPC bridge reaches the nats-server that `sympozium up` runs as its event bus.
        guard SystemComponent.require("/usr/sbin/nats-server", hint: "apt-get install nats-server") != nil else { return }
        let up = UpProcess(directory: directory, arguments: [])
        try up.start()
        do {
            try await up.waitReady()
            try await UpRecoveryTests.waitFor("the sympozium.ai CRDs") {
                try await up.kubectl("get", "crd", "agentruns.sympozium.ai").succeeded
            }
            let applied = try await up.kubectl("apply", "-f", "-", stdin: Self.manifests(baseURL: "http://127.0.0.1:\(fake.port)/v1"))
            #expect(applied.succeeded, "\(applied.stderr)")
            var phase = ""
            try await UpRecoveryTests.waitFor("the run to finish", timeout: .seconds(90)) {
                phase = try await up.kubectl("get", "agentrun", "hello-run", "-o", "jsonpath={.status.phase}").stdout
                return phase == "Succeeded" || phase == "Failed"
            }
            let status = try await up.kubectl("get", "agentrun", "hello-run", "-o", "jsonpath={.status.result}|{.status.error}|{.status.podName}")
            let pod = try await up.kubectl("get", "agentrun", "hello-run", "-o", "jsonpath={.status.podName}").stdout
            let containers = try await up.kubectl("get", "pod", pod, "-o", "jsonpath={.status.containerStatuses}").stdout
            let bridgeLog = try await up.kubectl("logs", pod, "-c", "ipc-bridge").stdout
            #expect(phase == "Succeeded", "\(status.stdout) \(containers) \(bridgeLog)")
            #expect(status.stdout.contains("Hello from the fake model"), "\(status.stdout)")
            let logs = try await up.kubectl("logs", pod, "-c", "agent")
            #expect(logs.succeeded, "\(logs.stderr)")
            #expect(logs.stdout.contains("__SYMPOZIUM_RESULT__"), "\(logs.stdout)")
            #expect(fake.requestCount >= 1)

            // The CLI: the run's agent log, and `sympozium run`, which submits a task and follows it.
            guard let sympozium = UpProcess.executable else { return }
            let environment = ["HOME": directory.path, "NO_COLOR": "1"]
            let cliLogs = try await ProcessRunner.run(
                sympozium, ["runs", "logs", "hello-run", "--kubeconfig", up.kubeconfig.path], environment: environment)
            #expect(cliLogs.succeeded, "\(cliLogs.stderr)")
            #expect(cliLogs.stdout.contains("__SYMPOZIUM_RESULT__"))
            let submitted = try await ProcessRunner.run(
                sympozium, ["run", "Say hello once more", "--instance", "helper", "--kubeconfig", up.kubeconfig.path],
                environment: environment, timeout: .seconds(120))
            #expect(submitted.succeeded, "\(submitted.stdout) \(submitted.stderr)")
            #expect(submitted.stdout.contains("Hello from the fake model"), "\(submitted.stdout)")
        } catch {
            await up.terminate()
            throw error
        }
        await up.terminate()
    }
}
