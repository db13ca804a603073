import EventBus
import Foundation
import KubeModel
import Logging

extension IPCBridge {
    /// Writes follow-ups, exec results and spawned children's results into /ipc.
    func consumeInbound() async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await self.consume(self.configuration.followUpTopic) { try self.writeFollowUp($0) } }
            group.addTask { try await self.consume(self.configuration.execResultTopic) { try self.writeExecResult($0) } }
            group.addTask { try await self.consume("agent.run.*") { try self.writeChildResult($0) } }
            group.addTask { try await self.consume(self.configuration.approvalResponseTopic) { try self.writeApproval($0) } }
            try await group.waitForAll()
        }
    }

    private func consume(_ pattern: String, _ handle: @escaping @Sendable (BusEvent) throws -> Void) async throws {
        let subscription = try await bus.subscribe(pattern, options: EventSubscriptionOptions(start: .newEvents))
        do {
            for try await delivery in subscription {
                do {
                    try handle(delivery.event)
                    try await delivery.ack()
                } catch {
                    logger.error("could not write an inbound event into /ipc", metadata: [
                        "event.topic": "\(delivery.event.topic)", "error": "\(error)",
                    ])
                    try await delivery.term()
                }
            }
        } catch is CancellationError {}
        await subscription.cancel()
    }

    func writeFollowUp(_ event: BusEvent) throws {
        let data = try JSONEncoder().encode(event.data)
        try IPCFiles.writeAtomically(data, directory: root.appending(path: "input"), name: "followup-\(IPCFiles.newID()).json")
    }

    func writeExecResult(_ event: BusEvent) throws {
        let requested = event.data["id"]?.stringValue
        let id = requested.flatMap { IPCFiles.isSafeID($0) ? $0 : nil } ?? IPCFiles.newID()
        if let requested, !IPCFiles.isSafeID(requested) {
            logger.warning("exec result with an unsafe id; writing it under a fresh one", metadata: ["ipc.id": "\(requested.prefix(80))"])
        }
        let data = try JSONEncoder().encode(event.data)
        try IPCFiles.writeAtomically(data, directory: root.appending(path: "tools"), name: "exec-result-\(id).json")
    }

    /// A human answered a tool approval request: `approvals/response-<id>.json`.
    func writeApproval(_ event: BusEvent) throws {
        guard let id = event.data["id"]?.stringValue, IPCFiles.isSafeID(id) else {
            logger.warning("approval answer without a safe id ignored")
            return
        }
        struct Verdict: Encodable {
            var id: String
            var approved: Bool
            var reason: String?
        }
        let verdict = Verdict(id: id, approved: event.data["approved"]?.boolValue ?? false, reason: event.data["reason"]?.stringValue)
        try IPCFiles.writeAtomically(try JSONEncoder().encode(verdict), directory: root.appending(path: "approvals"), name: "response-\(id).json")
    }

    /// A run this one spawned finished: `spawn/result-<requestId>.json`.
    func writeChildResult(_ event: BusEvent) throws {
        guard event.topic == EventTopic.agentRunCompleted || event.topic == EventTopic.agentRunFailed,
              event.metadata["parentRunID"] == configuration.agentRunID,
              let requestID = event.metadata["spawnRequestID"]
        else { return }
        guard IPCFiles.isSafeID(requestID) else {
            logger.warning("child result with an unsafe request id ignored", metadata: ["ipc.id": "\(requestID.prefix(80))"])
            return
        }
        struct SpawnResult: Encodable {
            var requestId: String
            var status: String
            var response: String?
            var error: String?
        }
        let failed = event.topic == EventTopic.agentRunFailed || event.data["status"]?.stringValue == "error"
        let result = SpawnResult(
            requestId: requestID, status: failed ? "error" : "success", response: event.data["response"]?.stringValue,
            error: failed ? (event.data["error"]?.stringValue ?? "the sub-agent failed") : nil)
        try IPCFiles.writeAtomically(try JSONEncoder().encode(result), directory: root.appending(path: "spawn"),
                                     name: "result-\(requestID).json")
    }
}
