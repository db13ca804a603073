import AsyncHTTPClient
import Logging
import Synchronization

/// The primary model and its ordered fallbacks. A call goes to the current
/// model; when it fails with a retryable (after its retries) or availability
/// error, the next one is tried, and stays current for the rest of the run.
public final class FailoverModel: ModelProvider {
    public let providers: [any ModelProvider]
    private let current = Mutex(0)
    private let logger: Logger

    public init(primary: any ModelProvider, fallbacks: [any ModelProvider] = [], logger: Logger) {
        self.providers = [primary] + fallbacks
        self.logger = logger
    }

    /// One provider per endpoint (the primary first), sharing `client`.
    public convenience init(
        primary: ModelEndpoint, fallbacks: [ModelEndpoint] = [], client: HTTPClient, retry: RetryPolicy, timeout: Duration,
        logger: Logger
    ) {
        let http = ProviderHTTP(client: client, retry: retry, timeout: timeout, logger: logger)
        self.init(
            primary: Self.provider(for: primary, http: http), fallbacks: fallbacks.map { Self.provider(for: $0, http: http) },
            logger: logger)
    }

    static func provider(for endpoint: ModelEndpoint, http: ProviderHTTP) -> any ModelProvider {
        switch endpoint.api {
        case .anthropic: AnthropicProvider(endpoint: endpoint, http: http)
        case .openAIChat, .azureOpenAI: OpenAIChatProvider(endpoint: endpoint, http: http)
        }
    }

    /// The model calls currently go to.
    public var endpoint: ModelEndpoint { providers[current.withLock { $0 }].endpoint }

    public func complete(_ request: ModelRequest, events: StreamSink?) async throws -> ModelResponse {
        var index = current.withLock { $0 }
        while true {
            let provider = providers[index]
            do {
                var response = try await provider.complete(request, events: events)
                if response.endpoint == nil { response.endpoint = provider.endpoint }
                return response
            } catch let error as ProviderError where error.triggersFailover && index + 1 < providers.count {
                let next = providers[index + 1].endpoint
                logger.warning(
                    "model failed, failing over",
                    metadata: ["model": "\(provider.endpoint.label)", "error.code": "\(error.code)", "next": "\(next.label)", "error": "\(error.message)"])
                index += 1
                current.withLock { $0 = max($0, index) }
            }
        }
    }
}
