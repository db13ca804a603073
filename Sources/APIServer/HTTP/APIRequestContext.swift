import Hummingbird
import HummingbirdWebSocket

/// The request context of every route: Hummingbird's core storage and the
/// WebSocket upgrade slot of /ws routes.
public struct APIRequestContext: RequestContext, WebSocketRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let webSocket: WebSocketHandlerReference<APIRequestContext>

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = CoreRequestContextStorage(source: source)
        self.webSocket = WebSocketHandlerReference()
    }
}
