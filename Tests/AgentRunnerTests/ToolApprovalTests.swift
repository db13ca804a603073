@testable import AgentRunner
import Foundation
import Testing

@Suite("Tools that need a human's approval")
struct ToolApprovalTests {
    /// Answers the first approval request that appears, like the IPC bridge does with tool.approval.response.
    static func answer(in directories: RunDirectories, approved: Bool, reason: String? = nil) async throws -> String? {
        let folder = directories.paths.approvals
        for _ in 0..<200 {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            if let request = names.first(where: { $0.hasPrefix("request-") && $0.hasSuffix(".json") }) {
                let data = try Data(contentsOf: folder.appendingPathComponent(request))
                let object = try JSONDecoder().decode(ToolApproval.Request.self, from: data)
                let verdict = ToolApproval.Verdict(id: object.id, approved: approved, reason: reason)
                try AtomicFile.write(json: verdict, to: folder.appendingPathComponent("response-\(object.id).json"))
                return object.tool
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        return nil
    }

    @Test("an approved call runs, a denied one is refused with the reason, an unanswered one times out; files are cleaned up")
    func approvals() async throws {
        let directories = try RunDirectories()
        let client = TestSupport.httpClient()
        defer { directories.remove() }
        do {
            try directories.write("hello", to: directories.paths.workspace.appendingPathComponent("note.txt"))
            var context = ToolContext(paths: directories.paths, http: client, runID: "run-1", logger: TestSupport.logger)
            context.approvalWait = .seconds(30)
            let registry = ToolRegistry(policy: ToolPolicy(requireApproval: ["list_directory"]))
            let call = ToolCall(id: "c1", name: "list_directory", arguments: #"{"path": "\#(directories.paths.workspace.path)"}"#)

            async let approver = Self.answer(in: directories, approved: true)
            let approved = await registry.run(call, context: context)
            #expect(try await approver == "list_directory")
            #expect(!approved.isError)
            #expect(approved.text.contains("note.txt"))

            async let denier = Self.answer(in: directories, approved: false, reason: "not during the freeze")
            let denied = await registry.run(call, context: context)
            _ = try await denier
            #expect(denied.isError)
            #expect(denied.text.contains("was not approved: not during the freeze"))

            context.approvalWait = .seconds(1)
            let unanswered = await registry.run(call, context: context)
            #expect(unanswered.isError)
            #expect(unanswered.text.contains("no approval within 1 seconds"))
            #expect(((try? FileManager.default.contentsOfDirectory(atPath: directories.paths.approvals.path)) ?? []).isEmpty)

            // A tool that needs no approval runs at once.
            let free = await registry.run(ToolCall(id: "c2", name: "read_file", arguments: #"{"path": "\#(directories.paths.workspace.path)/note.txt"}"#), context: context)
            #expect(free.text.contains("hello"))
            #expect(ToolPolicy(requireApproval: ["*"]).needsApproval("write_file"))
        } catch {
            try? await client.shutdown()
            throw error
        }
        try await client.shutdown()
    }
}
