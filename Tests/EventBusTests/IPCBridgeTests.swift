import EventBus
import Foundation
import IPCBridge
import KubeModel
import Testing

@Suite struct IPCBridgeTests {
    static func write(_ text: String, to directory: URL, _ name: String) throws {
        try IPCFiles.writeAtomically(Data(text.utf8), directory: directory, name: name)
    }

    @Test func publishesFilesWritesInboundAndExitsAfterTheResult() async throws {
        let root = FileManager.default.temporaryDirectory.appending(path: "ipc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root.appending(path: "output"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let bus = InProcessEventBus()
        let observed = try await bus.subscribe(">", options: .init(durableName: "observer", start: .allEvents))
        // Written before the bridge starts: found by its first scan.
        try Self.write(#"{"type":"text","content":"Hel","index":0}"#, to: root.appending(path: "output"), "stream-0.json")
        var configuration = IPCBridgeConfiguration(ipcDirectory: root, agentRunID: "run-1", instanceName: "alice", namespace: "team")
        configuration.exitGracePeriod = .milliseconds(100)
        let bridge = IPCBridge(configuration: configuration, bus: bus)
        let running = Task { try await bridge.run() }

        let first = try await observed.nextDelivery()
        #expect(first.event.topic == EventTopic.agentStreamChunk)
        #expect(first.event.data["content"] == "Hel")
        #expect(first.event.metadata == ["agentRunID": "run-1", "instanceName": "alice", "namespace": "team"])
        try await first.ack()

        try Self.write("{not json", to: root.appending(path: "messages"), "send-1-bad.json")
        try Self.write(#"{"ignored":true}"#, to: root.appending(path: "messages"), ".send-2.json.tmp-x")
        try Self.write(#"{"channel":"telegram","text":"hi"}"#, to: root.appending(path: "messages"), "send-3-aaaa.json")
        try Self.write(#"{"name":"daily","action":"create","schedule":"0 9 * * *","task":"report"}"#,
                       to: root.appending(path: "schedules"), "schedule-4-bbbb.json")
        try Self.write(#"{"requestId":"5-cccc","task":"child task"}"#, to: root.appending(path: "spawn"), "request-5-cccc.json")
        try Self.write(#"{"requestId":"x"}"#, to: root.appending(path: "spawn"), "result-ignored.json")
        try Self.write(#"{"id":"6-dddd","command":"ls"}"#, to: root.appending(path: "tools"), "exec-request-6-dddd.json")
        try Self.write(#"{"phase":"thinking"}"#, to: root.appending(path: "output"), "status.json")
        var topics: [String] = []
        for _ in 0..<5 {
            let delivery = try await observed.nextDelivery()
            topics.append(delivery.event.topic)
            try await delivery.ack()
        }
        #expect(topics.sorted() == [EventTopic.agentSpawnRequest, EventTopic.agentStatusUpdate, EventTopic.channelMessageSend,
                                    EventTopic.scheduleUpsert, EventTopic.toolExecRequest].sorted())

        // Inbound: follow-ups, exec results (unsafe ids renamed), a spawned child's result.
        try await eventually {
            try await bus.publish(BusEvent(topic: configuration.followUpTopic, data: ["text": "and also"]))
            return try FileManager.default.contentsOfDirectory(atPath: root.appending(path: "input").path)
                .contains { $0.hasPrefix("followup-") }
        }
        try await eventually {
            try await bus.publish(BusEvent(topic: configuration.execResultTopic, data: ["id": "7-eeee", "exitCode": 0]))
            return FileManager.default.fileExists(atPath: root.appending(path: "tools/exec-result-7-eeee.json").path)
        }
        try await bus.publish(BusEvent(topic: configuration.execResultTopic, data: ["id": "../../evil", "exitCode": 1]))
        try await bus.publish(BusEvent(
            topic: EventTopic.agentRunCompleted, metadata: ["parentRunID": "run-1", "spawnRequestID": "5-cccc"],
            data: ["status": "success", "response": "child says hi"]))
        let childResult = root.appending(path: "spawn/result-5-cccc.json")
        try await eventually { FileManager.default.fileExists(atPath: childResult.path) }
        let child = try JSONDecoder().decode(JSONValue.self, from: Data(contentsOf: childResult))
        #expect(child["status"] == "success" && child["response"] == "child says hi" && child["requestId"] == "5-cccc")
        try await eventually {
            try FileManager.default.contentsOfDirectory(atPath: root.appending(path: "tools").path)
                .filter { $0.hasPrefix("exec-result-") }.count >= 2
        }
        #expect(!FileManager.default.fileExists(atPath: root.deletingLastPathComponent().appending(path: "evil").path))

        // The result ends the run: completion published, bridge returns.
        try Self.write(#"{"status":"success","response":"Hello"}"#, to: root.appending(path: "output"), "result.json")
        var completion: EventDelivery?
        while completion == nil {
            let delivery = try await observed.nextDelivery()
            try await delivery.ack()
            if delivery.event.topic == EventTopic.agentRunCompleted, delivery.event.metadata["agentRunID"] == "run-1" {
                completion = delivery
            }
        }
        #expect(completion?.event.data["response"] == "Hello")
        try await withTimeout { try await running.value }
        await bus.close()
    }

    @Test func configurationFromEnvironment() throws {
        #expect(throws: IPCBridgeError.self) { _ = try IPCBridgeConfiguration.fromEnvironment([:]) }
        let configuration = try IPCBridgeConfiguration.fromEnvironment([
            "AGENT_RUN_ID": "demo.run", "INSTANCE_NAME": "alice", "PARENT_RUN_ID": "parent", "SPAWN_REQUEST_ID": "r-1",
        ])
        #expect(configuration.ipcDirectory.path == "/ipc")
        #expect(configuration.runToken == "demo_run")
        #expect(configuration.metadata["parentRunID"] == "parent")
        #expect(IPCFiles.isSafeID("1733059200000000000-0a1b2c3d"))
        #expect(!IPCFiles.isSafeID("../x") && !IPCFiles.isSafeID("") && !IPCFiles.isSafeID("a/b"))
        #expect(IPCFileRoute.route(directory: "spawn", name: "result-1.json") == nil)
        #expect(IPCFileRoute.route(directory: "output", name: ".result.json.tmp-1") == nil)
    }
}

@Suite("IPC bridge: tool approvals")
struct IPCBridgeApprovalTests {
    @Test("an approval request file becomes tool.approval.request; tool.approval.response for the run becomes the answer file")
    func approvals() async throws {
        let root = FileManager.default.temporaryDirectory.appending(path: "ipc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root.appending(path: "approvals"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let bus = InProcessEventBus()
        let requests = try await bus.subscribe(EventTopic.toolApprovalRequest, options: .init(durableName: "approver", start: .allEvents))
        var configuration = IPCBridgeConfiguration(ipcDirectory: root, agentRunID: "run-9", instanceName: "alice", namespace: "team")
        configuration.exitGracePeriod = .milliseconds(100)
        let bridge = IPCBridge(configuration: configuration, bus: bus)
        let running = Task { try await bridge.run() }

        try IPCBridgeTests.write(
            #"{"id":"8-ffff","tool":"execute_command","arguments":"{\"command\":\"kubectl delete pod x\"}","agentRunID":"run-9"}"#,
            to: root.appending(path: "approvals"), "request-8-ffff.json")
        let request = try await requests.nextDelivery()
        #expect(request.event.data["tool"] == "execute_command")
        #expect(request.event.metadata["agentRunID"] == "run-9")
        try await request.ack()

        let answer = root.appending(path: "approvals/response-8-ffff.json")
        try await eventually {
            try await bus.publish(BusEvent(topic: configuration.approvalResponseTopic, data: ["id": "8-ffff", "approved": true]))
            return FileManager.default.fileExists(atPath: answer.path)
        }
        let verdict = try JSONDecoder().decode(JSONValue.self, from: Data(contentsOf: answer))
        #expect(verdict["approved"] == true && verdict["id"] == "8-ffff")

        try IPCBridgeTests.write(#"{"status":"success","response":"done"}"#, to: root.appending(path: "output"), "result.json")
        try await withTimeout { try await running.value }
        await bus.close()
    }
}
