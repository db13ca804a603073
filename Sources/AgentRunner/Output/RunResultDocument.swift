/// The run's outcome: /ipc/output/result.json and the stdout result block
/// the controller parses (`RunResult` in the Controllers module).
public struct RunResultDocument: Codable, Sendable, Hashable {
    public struct Metrics: Codable, Sendable, Hashable {
        public var durationMs: Int64
        public var inputTokens: Int64
        public var outputTokens: Int64
        public var toolCalls: Int64

        public init(durationMs: Int64 = 0, inputTokens: Int64 = 0, outputTokens: Int64 = 0, toolCalls: Int64 = 0) {
            self.durationMs = durationMs
            self.inputTokens = inputTokens
            self.outputTokens = outputTokens
            self.toolCalls = toolCalls
        }
    }

    /// "success" or "error".
    public var status: String
    public var response: String?
    public var error: String?
    /// The provider and model that produced the answer (a fallback when the primary failed).
    public var provider: String?
    public var model: String?
    public var metrics: Metrics

    public init(status: String, response: String? = nil, error: String? = nil, provider: String? = nil, model: String? = nil, metrics: Metrics = Metrics()) {
        self.status = status
        self.response = response
        self.error = error
        self.provider = provider
        self.model = model
        self.metrics = metrics
    }

    public var succeeded: Bool { status == "success" }
}
