/// A model behind an HTTP API.
public protocol ModelProvider: Sendable {
    var endpoint: ModelEndpoint { get }
    /// One call. With `request.stream`, output is reported to `events` as it arrives.
    func complete(_ request: ModelRequest, events: StreamSink?) async throws -> ModelResponse
}
