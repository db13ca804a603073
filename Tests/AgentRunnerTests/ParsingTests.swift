@testable import AgentRunner
import Foundation
import Testing

@Suite("Parsers and formats")
struct ParsingTests {
    @Test("server-sent events split across arbitrary chunk boundaries")
    func serverSentEvents() throws {
        let stream = "event: a\r\ndata: one\r\n\r\n: comment\ndata: two\ndata: lines\n\nevent: b\ndata:three"
        for size in [1, 2, 5, 100] {
            var parser = ServerSentEventParser()
            var events: [ServerSentEvent] = []
            let bytes = Array(stream.utf8)
            for start in stride(from: 0, to: bytes.count, by: size) {
                events += try parser.feed(bytes[start..<min(start + size, bytes.count)])
            }
            events += parser.finish()
            #expect(events == [
                ServerSentEvent(event: "a", data: "one"), ServerSentEvent(event: nil, data: "two\nlines"), ServerSentEvent(event: "b", data: "three"),
            ])
        }
    }

    @Test("memory blocks: the last one is taken, all are stripped")
    func memoryBlocks() {
        let text = "Answer.\n__SYMPOZIUM_MEMORY__\nold\n__SYMPOZIUM_MEMORY_END__\nmore\n__SYMPOZIUM_MEMORY__\n new \n__SYMPOZIUM_MEMORY_END__"
        #expect(MemoryBlock.extract(from: text) == "new")
        #expect(MemoryBlock.strip(from: text) == "Answer.\n\nmore")
        #expect(MemoryBlock.extract(from: "none") == nil)
        #expect(MemoryBlock.strip(from: "a __SYMPOZIUM_MEMORY__ unclosed") == "a")
    }

    @Test("marker text inside the result cannot end the block early")
    func markerEscaping() throws {
        let escaped = RunOutput.escapeMarkers(#"{"response":"say __SYMPOZIUM_END__"}"#)
        #expect(!escaped.contains("__SYMPOZIUM_END__"))
        let decoded = try JSONDecoder().decode([String: String].self, from: Data(escaped.utf8))
        #expect(decoded["response"] == "say __SYMPOZIUM_END__")
    }

    @Test("text limits never split a UTF-8 sequence")
    func textLimits() {
        #expect(TextLimits.prefix("héllo", maxBytes: 2) == "h")
        #expect(TextLimits.prefix("héllo", maxBytes: 3) == "hé")
        #expect(TextLimits.truncate("abcdef", maxBytes: 3) == "abc\n... (truncated: 6 bytes, showing the first 3)")
    }

    @Test("Retry-After as seconds, milliseconds and an HTTP date")
    func retryAfter() {
        #expect(ProviderHTTP.retryAfter(["retry-after": "2"]) == .seconds(2))
        #expect(ProviderHTTP.retryAfter(["retry-after-ms": "150"]) == .milliseconds(150))
        #expect(ProviderHTTP.retryAfter(["retry-after": "Wed, 21 Oct 2015 07:28:00 GMT"]) == .zero)
        #expect(ProviderHTTP.retryAfter([:]) == nil)
        let policy = RetryPolicy(maxRetries: 3, baseDelay: .milliseconds(100), maxDelay: .seconds(1), maxRetryAfter: .seconds(5))
        #expect(policy.delay(attempt: 0, retryAfter: .seconds(30)) == .seconds(5))
        for attempt in 0..<10 { #expect(policy.delay(attempt: attempt, retryAfter: nil) <= .seconds(1)) }
    }

    @Test("provider URLs")
    func providerURLs() throws {
        #expect(try ModelEndpoint(provider: "openai", model: "m").requestURL() == "https://api.openai.com/v1/chat/completions")
        #expect(try ModelEndpoint(provider: "anthropic", model: "m").requestURL() == "https://api.anthropic.com/v1/messages")
        #expect(try ModelEndpoint(provider: "ollama", model: "m").requestURL() == "http://localhost:11434/v1/chat/completions")
        #expect(try ModelEndpoint(provider: "lm-studio", model: "m", baseURL: "http://h:1234/v1/").requestURL() == "http://h:1234/v1/chat/completions")
        #expect(
            try ModelEndpoint(provider: "azure-openai", model: "dep", baseURL: "https://r.openai.azure.com", apiVersion: "2024-06-01").requestURL()
                == "https://r.openai.azure.com/openai/deployments/dep/chat/completions?api-version=2024-06-01")
        #expect(throws: ConfigurationError.self) { try ModelEndpoint(provider: "azure-openai", model: "dep").requestURL() }
    }

    @Test("exec request timeouts are clamped to 1–120 seconds")
    func execTimeouts() {
        #expect(ExecRequest(id: "a", command: "x").effectiveTimeout == 30)
        #expect(ExecRequest(id: "a", command: "x", timeout: 0).effectiveTimeout == 30)
        #expect(ExecRequest(id: "a", command: "x", timeout: 500).effectiveTimeout == 120)
        #expect(ExecFiles.requestID(fromFileName: "exec-request-12-ab.json") == "12-ab")
        #expect(ExecFiles.requestID(fromFileName: "exec-request-../x.json") == nil)
        #expect(ExecFiles.requestID(fromFileName: ".exec-request-1.json.tmp-1") == nil)
    }
}
