import Foundation
import Logging

/// The tool loop: ask the model, run the tools it calls (in parallel, results
/// in call order), send the results back, until it answers without tools or
/// the round limit is reached.
public struct AgentLoop: Sendable {
    public struct Settings: Sendable {
        public var maxToolRounds: Int
        public var toolResultMaxBytes: Int
        public var maxTokens: Int
        public var thinking: ThinkingMode
        public var streaming: Bool

        public init(
            maxToolRounds: Int = RunnerConfiguration.defaultMaxToolRounds,
            toolResultMaxBytes: Int = RunnerConfiguration.defaultToolResultMaxBytes, maxTokens: Int = 4096,
            thinking: ThinkingMode = .off, streaming: Bool = true
        ) {
            self.maxToolRounds = maxToolRounds
            self.toolResultMaxBytes = toolResultMaxBytes
            self.maxTokens = maxTokens
            self.thinking = thinking
            self.streaming = streaming
        }

        public init(_ configuration: RunnerConfiguration) {
            self.init(
                maxToolRounds: configuration.maxToolRounds, toolResultMaxBytes: configuration.toolResultMaxBytes,
                maxTokens: configuration.maxTokens, thinking: configuration.thinking, streaming: configuration.streaming)
        }
    }

    /// How a loop ended.
    public struct Outcome: Sendable {
        public var text: String
        public var usage = TokenCount()
        public var toolCalls = 0
        public var rounds = 0
        /// The model that gave the last answer.
        public var endpoint: ModelEndpoint?
        public var error: (any Error)?
        /// Time spent waiting for the model, summed (the rest is the runner's own).
        public var modelTime: Duration = .zero
        public var messages: [ChatMessage] = []
    }

    /// The run stopped at the tool round limit.
    public struct RoundLimitReached: Error, CustomStringConvertible {
        public var limit: Int
        public var description: String {
            "the model still called tools after \(limit) tool rounds (MAX_TOOL_ROUNDS); stopping"
        }
    }

    public var model: any ModelProvider
    public var registry: ToolRegistry
    public var context: ToolContext
    public var settings: Settings
    public var output: RunOutput?

    public init(model: any ModelProvider, registry: ToolRegistry, context: ToolContext, settings: Settings, output: RunOutput? = nil) {
        self.model = model
        self.registry = registry
        self.context = context
        self.settings = settings
        self.output = output
    }

    public func run(system: String, task: String) async -> Outcome {
        var outcome = Outcome(text: "", messages: [.user(task)])
        let clock = ContinuousClock()
        let output = self.output
        let sink: StreamSink? = settings.streaming && output != nil ? { @Sendable event in output?.record(event) } : nil
        while true {
            output?.status("thinking")
            let request = ModelRequest(
                system: system, messages: outcome.messages, tools: registry.offered, maxTokens: settings.maxTokens,
                thinking: settings.thinking, stream: settings.streaming)
            let response: ModelResponse
            let started = clock.now
            do {
                response = try await model.complete(request, events: sink)
                outcome.modelTime += clock.now - started
            } catch {
                outcome.modelTime += clock.now - started
                outcome.error = error
                return outcome
            }
            output?.flush()
            outcome.usage = outcome.usage + response.usage
            outcome.endpoint = response.endpoint ?? outcome.endpoint
            outcome.messages.append(response.assistantMessage)
            if !response.text.isEmpty { outcome.text = response.text }
            guard !response.toolCalls.isEmpty else {
                output?.status("responding")
                return outcome
            }
            guard outcome.rounds < settings.maxToolRounds else {
                outcome.error = RoundLimitReached(limit: settings.maxToolRounds)
                return outcome
            }
            outcome.rounds += 1
            outcome.toolCalls += response.toolCalls.count
            let results = await runTools(response.toolCalls)
            outcome.messages += results
            if Task.isCancelled {
                outcome.error = CancellationError()
                return outcome
            }
        }
    }

    /// Runs calls concurrently; results come back in the order of the calls.
    func runTools(_ calls: [ToolCall]) async -> [ChatMessage] {
        let registry = self.registry
        let context = self.context
        let output = self.output
        let budget = settings.toolResultMaxBytes
        @Sendable func run(_ call: ToolCall) async -> ChatMessage {
            output?.status("tool_use", message: call.name, toolID: call.id)
            context.logger.info("tool call", metadata: ["tool": "\(call.name)", "tool.id": "\(call.id)"])
            let result = await registry.run(call, context: context)
            let text = TextLimits.truncate(result.text, maxBytes: budget)
            output?.toolResult(id: call.id, text: text)
            return ChatMessage.toolResult(for: call, text, isError: result.isError)
        }
        if calls.count == 1, let call = calls.first { return [await run(call)] }
        return await withTaskGroup(of: (Int, ChatMessage).self) { group in
            for (index, call) in calls.enumerated() {
                group.addTask { (index, await run(call)) }
            }
            var results = [ChatMessage?](repeating: nil, count: calls.count)
            for await (index, message) in group { results[index] = message }
            return results.compactMap { $0 }
        }
    }
}
