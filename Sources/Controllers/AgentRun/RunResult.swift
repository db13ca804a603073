import Foundation
import SympoziumAPI

/// What the agent runner printed between its markers on stdout.
struct RunResult: Sendable, Hashable, Decodable {
    struct Metrics: Sendable, Hashable, Decodable {
        var durationMs: Int64?
        var inputTokens: Int64?
        var outputTokens: Int64?
        var toolCalls: Int64?
    }

    var status: String?
    var response: String?
    var error: String?
    var metrics: Metrics?

    var succeeded: Bool { status == "success" || (status == nil && error == nil) }

    var tokenUsage: TokenUsage? {
        guard let metrics, metrics.inputTokens != nil || metrics.outputTokens != nil else { return nil }
        return TokenUsage(
            inputTokens: metrics.inputTokens ?? 0, outputTokens: metrics.outputTokens ?? 0, toolCalls: metrics.toolCalls,
            durationMs: metrics.durationMs)
    }
}

/// Finds the result and memory blocks in an agent container's log.
enum RunLogParser {
    static let resultStart = "__SYMPOZIUM_RESULT__"
    static let resultEnd = "__SYMPOZIUM_END__"
    static let memoryStart = "__SYMPOZIUM_MEMORY__"
    static let memoryEnd = "__SYMPOZIUM_MEMORY_END__"

    /// The last complete result block, decoded; nil when absent or not JSON.
    static func result(in log: String) -> RunResult? {
        guard let block = lastBlock(in: log, from: resultStart, to: resultEnd) else { return nil }
        return try? JSONDecoder().decode(RunResult.self, from: Data(block.utf8))
    }

    /// The last complete memory block, trimmed; nil when absent.
    static func memory(in log: String) -> String? {
        lastBlock(in: log, from: memoryStart, to: memoryEnd)
    }

    private static func lastBlock(in log: String, from start: String, to end: String) -> String? {
        guard let endRange = log.range(of: end, options: .backwards),
            let startRange = log.range(of: start, options: .backwards, range: log.startIndex..<endRange.lowerBound)
        else { return nil }
        return log[startRange.upperBound..<endRange.lowerBound].trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Keeps memory within the instance's limit, cutting at a line boundary
    /// and keeping the newest lines (the end of the document).
    static func truncate(memory: String, toBytes limit: Int) -> String {
        guard memory.utf8.count > limit else { return memory }
        var lines = memory.split(separator: "\n", omittingEmptySubsequences: false)
        var size = memory.utf8.count
        while size > limit, !lines.isEmpty {
            size -= lines.removeFirst().utf8.count + 1
        }
        return lines.joined(separator: "\n")
    }
}
