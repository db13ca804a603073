@testable import AgentRunner
import AsyncHTTPClient
import Foundation

/// Runs the agent runner in-process against fake servers and a temporary pod layout.
struct RunHarness {
    let directories: RunDirectories
    let printed = TestSupport.Printed()

    init() throws {
        directories = try RunDirectories()
    }

    func configuration(
        models: [ModelEndpoint], task: String = "Summarise the notes.", streaming: Bool = false, thinking: ThinkingMode = .off,
        policy: ToolPolicy = ToolPolicy(), maxToolRounds: Int = 25, memoryEnabled: Bool = false
    ) -> RunnerConfiguration {
        RunnerConfiguration(
            runID: "run-1", agentID: "agent-1", task: task, systemPrompt: "You are a test agent.", models: models, thinking: thinking,
            memoryEnabled: memoryEnabled, toolPolicy: policy, maxToolRounds: maxToolRounds, streaming: streaming,
            requestTimeout: .seconds(20), retry: TestSupport.quickRetry, paths: directories.paths)
    }

    func run(_ configuration: RunnerConfiguration) async throws -> RunResultDocument {
        let client = TestSupport.httpClient()
        let output = RunOutput(paths: directories.paths, logger: TestSupport.logger, standardOutput: printed.sink)
        let result = await AgentRunnerCommand.run(configuration, client: client, output: output, logger: TestSupport.logger)
        try await client.shutdown()
        return result
    }

    /// result.json as written.
    var resultFile: RunResultDocument? {
        FileManager.default.contents(atPath: directories.paths.output.appendingPathComponent("result.json").path)
            .flatMap { try? JSONDecoder().decode(RunResultDocument.self, from: $0) }
    }

    /// The result block on stdout, decoded.
    var printedResult: RunResultDocument? {
        let text = printed.text
        guard let end = text.range(of: RunOutput.resultEnd, options: .backwards),
            let start = text.range(of: RunOutput.resultStart, options: .backwards, range: text.startIndex..<end.lowerBound)
        else { return nil }
        return try? JSONDecoder().decode(RunResultDocument.self, from: Data(text[start.upperBound..<end.lowerBound].utf8))
    }

    /// The text of the stream chunks of `type`, in index order.
    func streamed(_ type: String) -> String {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directories.paths.output.path)) ?? []
        let chunks = names.filter { $0.hasPrefix("stream-") }.compactMap { name -> (Int, String, String)? in
            guard let data = FileManager.default.contents(atPath: directories.paths.output.appendingPathComponent(name).path),
                let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any],
                let index = object["index"] as? Int, let chunkType = object["type"] as? String, let content = object["content"] as? String
            else { return nil }
            return (index, chunkType, content)
        }
        return chunks.sorted { $0.0 < $1.0 }.filter { $0.1 == type }.map(\.2).joined()
    }

    func remove() { directories.remove() }
}

extension FakeHTTPServer.Recorded {
    /// `messages` of a provider request.
    var messages: [[String: Any]] { json?["messages"] as? [[String: Any]] ?? [] }
    var toolNames: [String] {
        (json?["tools"] as? [[String: Any]] ?? []).compactMap { tool in
            (tool["function"] as? [String: Any])?["name"] as? String ?? tool["name"] as? String
        }
    }
}
