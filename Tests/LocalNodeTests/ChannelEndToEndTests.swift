import ClusterTestSupport
import Foundation
import Testing

/// A Telegram conversation through embedded mode: the instance's telegram
/// channel runs as a Deployment on the local node, a message a person sends
/// becomes an AgentRun, and the agent's answer comes back in the same chat.
@Suite(.serialized) struct ChannelEndToEndTests {
    static func manifests(telegramURL: String, modelURL: String) -> String {
        """
        apiVersion: v1
        kind: Secret
        metadata: {name: llm-key, namespace: default}
        stringData: {OPENAI_API_KEY: test-key}
        ---
        apiVersion: v1
        kind: Secret
        metadata: {name: telegram-bot, namespace: default}
        stringData: {TELEGRAM_BOT_TOKEN: "\(FakeTelegramServer.token)", TELEGRAM_API_URL: "\(telegramURL)"}
        ---
        apiVersion: sympozium.ai/v1alpha1
        kind: SympoziumInstance
        metadata: {name: assistant, namespace: default}
        spec:
          agents:
            default: {model: fake-model, baseURL: "\(modelURL)"}
          authRefs:
          - {provider: openai, secret: llm-key}
          channels:
          - {type: telegram, configRef: {secret: telegram-bot}}
        """
    }

    @Test func aTelegramMessageIsAnsweredByAnAgentRun() async throws {
        guard NodeCluster.bwrapAvailable, SystemComponent.kubectl != nil, UpProcess.executable != nil,
            SystemComponent.product("sympozium-channel-telegram") != nil,
            SystemComponent.require("/usr/sbin/nats-server", hint: "apt-get install nats-server") != nil
        else { return }
        let model = try FakeOpenAIServer(reply: "You have two meetings today.")
        defer { model.stop() }
        let telegram = try await FakeTelegramServer.start()
        let directory = FileManager.default.temporaryDirectory.appending(path: "sympozium-channel-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let up = UpProcess(directory: directory)
        try up.start()
        do {
            try await converse(up: up, telegram: telegram, modelURL: "http://127.0.0.1:\(model.port)/v1")
        } catch {
            await up.terminate()
            await telegram.stop()
            throw error
        }
        await up.terminate()
        await telegram.stop()
    }

    private func converse(up: UpProcess, telegram: FakeTelegramServer, modelURL: String) async throws {
        try await up.waitReady()
        try await UpRecoveryTests.waitFor("the sympozium.ai CRDs") {
            try await up.kubectl("get", "crd", "sympoziuminstances.sympozium.ai").succeeded
        }
        let applied = try await up.kubectl("apply", "-f", "-", stdin: Self.manifests(telegramURL: telegram.apiURL, modelURL: modelURL))
        #expect(applied.succeeded, "\(applied.stderr)")

        // The channel pod polls the Bot API once it runs, and the instance reports it connected.
        try await UpRecoveryTests.waitFor("the channel pod to poll the Bot API", timeout: .seconds(60)) {
            telegram.calls.contains("getUpdates")
        }
        try await UpRecoveryTests.waitFor("the instance to report its channel", timeout: .seconds(30)) {
            try await up.kubectl("get", "sympoziuminstance", "assistant", "-o", "jsonpath={.status.channels[0].status}").stdout
                == "Connected"
        }

        telegram.userSends("What is on my calendar?", chatID: 4242)
        try await UpRecoveryTests.waitFor("the answer in the chat", timeout: .seconds(90)) { !telegram.sent.isEmpty }
        #expect(telegram.sent.map(\.chatID) == [4242])
        #expect(telegram.sent.first?.text == "You have two meetings today.")

        // The answer travels on the bus as soon as the agent wrote it; the run's status follows.
        var runs = ""
        try await UpRecoveryTests.waitFor("the run to succeed", timeout: .seconds(60)) {
            runs = try await up.kubectl(
                "get", "agentruns", "-l", "sympozium.ai/source=channel",
                "-o", "jsonpath={range .items[*]}{.spec.task}|{.status.phase}|{.metadata.annotations.sympozium\\.ai/reply-chat-id}{end}"
            ).stdout
            return runs.contains("|Succeeded|")
        }
        #expect(runs == "What is on my calendar?|Succeeded|4242")
        let pods = try await up.kubectl("get", "pods", "-l", "sympozium.ai/component=channel", "-o", "name")
        let channelLog = try await up.kubectl("logs", pods.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(channelLog.stdout.contains("channel connected"), "\(channelLog.stdout)")
        #expect(!channelLog.stdout.contains(FakeTelegramServer.token), "the bot token is never logged")
    }
}
