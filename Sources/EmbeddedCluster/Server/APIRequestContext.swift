import Hummingbird
import Logging
import NIOCore

/// Per-request context; bodies are read by the handlers up to the API limit.
public struct APIRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
    }

    /// Kubernetes' request body limit is 3 MiB.
    public static let maxBodySize = 3 * 1024 * 1024
    public var maxUploadSize: Int { Self.maxBodySize }
}
