import ClusterTestSupport
import Foundation
import Testing

/// Conversations through embedded mode: an instance's channel runs as a
/// Deployment on the local node, a message a person sends becomes an
/// AgentRun, and the agent's answer comes back in the same chat.
@Suite(.serialized) struct ChannelEndToEndTests {
    static func manifests(channel: String, secret: [String: String], modelURL: String) -> String {
        let secretData = secret.sorted { $0.key < $1.key }.map { "\($0.key): \"\($0.value)\"" }.joined(separator: ", ")
        return """
            apiVersion: v1
            kind: Secret
            metadata: {name: llm-key, namespace: default}
            stringData: {OPENAI_API_KEY: test-key}
            ---
            apiVersion: v1
            kind: Secret
            metadata: {name: \(channel)-bot, namespace: default}
            stringData: {\(secretData)}
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
              - {type: \(channel), configRef: {secret: \(channel)-bot}}
            """
    }

    @Test func aTelegramMessageIsAnsweredByAnAgentRun() async throws {
        guard Self.prerequisites("sympozium-channel-telegram") else { return }
        let telegram = try await FakeTelegramServer.start()
        do {
            try await Self.converse(
                channel: "telegram", secret: ["TELEGRAM_BOT_TOKEN": FakeTelegramServer.token, "TELEGRAM_API_URL": telegram.apiURL],
                token: FakeTelegramServer.token, chat: "4242",
                connected: { telegram.calls.contains("getUpdates") },
                send: { telegram.userSends("What is on my calendar?", chatID: 4242) },
                answers: { telegram.sent.map { "\($0.chatID)|\($0.text)" } })
        } catch {
            await telegram.stop()
            throw error
        }
        await telegram.stop()
    }

    @Test func aSlackDirectMessageIsAnsweredByAnAgentRun() async throws {
        guard Self.prerequisites("sympozium-channel-slack") else { return }
        let slack = try await FakeSlackServer.start()
        do {
            try await Self.converse(
                channel: "slack",
                secret: ["SLACK_BOT_TOKEN": FakeSlackServer.botToken, "SLACK_APP_TOKEN": FakeSlackServer.appToken, "SLACK_API_URL": slack.apiURL],
                token: FakeSlackServer.appToken, chat: "D0DIRECT",
                connected: { slack.connectionsOpened > 0 },
                send: { slack.deliver(text: "What is on my calendar?", channel: "D0DIRECT") },
                answers: { slack.posted.map { "\($0.channel)|\($0.text)" } })
        } catch {
            await slack.stop()
            throw error
        }
        await slack.stop()
    }

    static func prerequisites(_ channelProgram: String) -> Bool {
        NodeCluster.bwrapAvailable && SystemComponent.kubectl != nil && UpProcess.executable != nil
            && SystemComponent.product(channelProgram) != nil
            && SystemComponent.require("/usr/sbin/nats-server", hint: "apt-get install nats-server") != nil
    }

    /// `sympozium up` with the channel's instance applied by kubectl: once the
    /// channel pod is connected, `send` a message; its answer must reach `answers`.
    static func converse(
        channel: String, secret: [String: String], token: String, chat: String, connected: @escaping () -> Bool,
        send: () -> Void, answers: @escaping () -> [String]
    ) async throws {
        let model = try FakeOpenAIServer(reply: "You have two meetings today.")
        defer { model.stop() }
        let directory = FileManager.default.temporaryDirectory.appending(path: "sympozium-\(channel)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let up = UpProcess(directory: directory)
        try up.start()
        do {
            try await up.waitReady()
            try await UpRecoveryTests.waitFor("the sympozium.ai CRDs") {
                try await up.kubectl("get", "crd", "sympoziuminstances.sympozium.ai").succeeded
            }
            let manifests = Self.manifests(channel: channel, secret: secret, modelURL: "http://127.0.0.1:\(model.port)/v1")
            let applied = try await up.kubectl("apply", "-f", "-", stdin: manifests)
            #expect(applied.succeeded, "\(applied.stderr)")

            try await UpRecoveryTests.waitFor("the channel pod to connect", timeout: .seconds(60)) { connected() }
            try await UpRecoveryTests.waitFor("the instance to report its channel", timeout: .seconds(30)) {
                try await up.kubectl("get", "sympoziuminstance", "assistant", "-o", "jsonpath={.status.channels[0].status}").stdout
                    == "Connected"
            }
            send()
            try await UpRecoveryTests.waitFor("the answer in the chat", timeout: .seconds(90)) { !answers().isEmpty }
            #expect(answers() == ["\(chat)|You have two meetings today."])

            // The answer travels on the bus as soon as the agent wrote it; the run's status follows.
            var runs = ""
            try await UpRecoveryTests.waitFor("the run to succeed", timeout: .seconds(60)) {
                runs = try await up.kubectl(
                    "get", "agentruns", "-l", "sympozium.ai/source=channel",
                    "-o", "jsonpath={range .items[*]}{.spec.task}|{.status.phase}|{.metadata.annotations.sympozium\\.ai/reply-chat-id}{end}"
                ).stdout
                return runs.contains("|Succeeded|")
            }
            #expect(runs == "What is on my calendar?|Succeeded|\(chat)")
            let pods = try await up.kubectl("get", "pods", "-l", "sympozium.ai/component=channel", "-o", "name")
            let channelLog = try await up.kubectl("logs", pods.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
            #expect(channelLog.stdout.contains("channel connected"), "\(channelLog.stdout)")
            #expect(!channelLog.stdout.contains(token), "a token is never logged")
        } catch {
            await up.terminate()
            throw error
        }
        await up.terminate()
    }
}
