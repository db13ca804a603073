@testable import Controllers
import Testing

@Suite("Result and memory blocks in an agent's log")
struct RunLogParserTests {
    static let log = """
        starting
        __SYMPOZIUM_RESULT__
        {"status":"success","response":"draft","metrics":{"durationMs":1,"inputTokens":1,"outputTokens":1,"toolCalls":0}}
        __SYMPOZIUM_END__
        thinking again
        __SYMPOZIUM_MEMORY__
        - the cluster has 3 nodes
        __SYMPOZIUM_MEMORY_END__
        __SYMPOZIUM_RESULT__
        {"status":"success","response":"final answer","metrics":{"durationMs":1200,"inputTokens":310,"outputTokens":42,"toolCalls":3}}
        __SYMPOZIUM_END__
        """

    @Test("the last complete result block wins, with its metrics as token usage")
    func lastResult() throws {
        let result = try #require(RunLogParser.result(in: Self.log))
        #expect(result.response == "final answer")
        #expect(result.succeeded)
        #expect(result.tokenUsage?.inputTokens == 310)
        #expect(result.tokenUsage?.outputTokens == 42)
        #expect(result.tokenUsage?.toolCalls == 3)
        #expect(result.tokenUsage?.durationMs == 1200)
    }

    @Test("an error result fails the run with its message")
    func errorResult() throws {
        let log = "__SYMPOZIUM_RESULT__\n{\"status\":\"error\",\"error\":\"provider returned 401: invalid API key\"}\n__SYMPOZIUM_END__\n"
        let result = try #require(RunLogParser.result(in: log))
        #expect(!result.succeeded)
        #expect(result.error == "provider returned 401: invalid API key")
    }

    @Test("no block, a truncated block or a block that is not JSON gives no result")
    func missingOrBroken() {
        #expect(RunLogParser.result(in: "no markers at all") == nil)
        #expect(RunLogParser.result(in: "__SYMPOZIUM_RESULT__\n{\"status\":\"success\"") == nil)
        #expect(RunLogParser.result(in: "__SYMPOZIUM_RESULT__\nnot json\n__SYMPOZIUM_END__") == nil)
    }

    @Test("memory is found and cut to the instance's size from the oldest lines")
    func memory() {
        #expect(RunLogParser.memory(in: Self.log) == "- the cluster has 3 nodes")
        let memory = (1...100).map { "- fact number \($0)" }.joined(separator: "\n")
        let cut = RunLogParser.truncate(memory: memory, toBytes: 200)
        #expect(cut.utf8.count <= 200)
        #expect(cut.hasSuffix("- fact number 100"))
        #expect(!cut.contains("- fact number 1\n"))
        #expect(RunLogParser.truncate(memory: "short", toBytes: 200) == "short")
    }
}
