import Foundation

/// Asks a human to approve one tool call: the request goes to
/// /ipc/approvals/request-<id>.json (the IPC bridge publishes it as
/// tool.approval.request), the answer comes back as response-<id>.json
/// (written by the bridge from tool.approval.response). No answer within the
/// run's approval wait denies the call.
enum ToolApproval {
    struct Request: Codable {
        var id: String
        var tool: String
        var arguments: String
        var agentRunID: String
    }

    struct Verdict: Codable {
        var id: String?
        var approved: Bool
        var reason: String?
    }

    static let pollInterval: Duration = .milliseconds(100)

    static func ask(for call: ToolCall, context: ToolContext) async -> Verdict {
        let id = IPCIdentifier.make()
        let requestURL = context.paths.approvals.appendingPathComponent("request-\(id).json")
        let responseURL = context.paths.approvals.appendingPathComponent("response-\(id).json")
        defer {
            unlink(requestURL.path)
            unlink(responseURL.path)
        }
        do {
            try AtomicFile.write(json: Request(id: id, tool: call.name, arguments: call.arguments, agentRunID: context.runID), to: requestURL)
        } catch {
            return Verdict(id: id, approved: false, reason: "the approval request could not be written: \(error)")
        }
        context.logger.info("waiting for approval", metadata: ["tool": "\(call.name)", "approval.id": "\(id)"])
        let clock = ContinuousClock()
        let deadline = clock.now + context.approvalWait
        while clock.now < deadline {
            if let data = FileManager.default.contents(atPath: responseURL.path), !data.isEmpty {
                guard let verdict = try? JSONDecoder().decode(Verdict.self, from: data) else {
                    return Verdict(id: id, approved: false, reason: "the approval answer is not valid JSON")
                }
                return verdict
            }
            do {
                try await Task.sleep(for: pollInterval)
            } catch {
                return Verdict(id: id, approved: false, reason: "the run was cancelled while waiting for approval")
            }
        }
        return Verdict(id: id, approved: false, reason: "no approval within \(context.approvalWait.components.seconds) seconds")
    }
}
