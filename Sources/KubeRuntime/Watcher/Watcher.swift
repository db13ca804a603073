import KubeClient
import KubeModel
import Logging

/// A watch that never ends by itself: list (paged), then watch from the list's
/// resourceVersion; resume after a dropped stream from the last version seen
/// (bookmarks keep it fresh); relist after 410 Gone; back off with jitter
/// after errors. It ends only when its task is cancelled.
public struct Watcher<R: KubernetesResource>: AsyncSequence, Sendable {
    public typealias Element = WatcherEvent<R>
    public let api: Api<R>
    public let configuration: WatcherConfiguration
    let logger: Logger

    public init(_ api: Api<R>, configuration: WatcherConfiguration = WatcherConfiguration(), logger: Logger? = nil) {
        self.api = configuration.decodesManagedFields ? api : api.skippingManagedFields()
        self.configuration = configuration
        var logger = logger ?? Logger(label: "sympozium.watcher")
        logger[metadataKey: "k8s.kind"] = "\(R.kind)"
        if let namespace = api.namespace { logger[metadataKey: "k8s.namespace"] = "\(namespace)" }
        self.logger = logger
    }

    public func makeAsyncIterator() -> Iterator {
        Iterator(api: api, configuration: configuration, logger: logger)
    }

    /// The watcher's states: each `next()` moves it by one transition.
    enum State {
        /// Nothing known: a (re)list starts.
        case empty
        /// Listing; the next page follows this token.
        case listing(continueToken: String?)
        /// Listed as of this version: the watch opens from it.
        case listed(resourceVersion: String)
        /// Watching; the stream is open.
        case watching(resourceVersion: String, stream: WatchStream<R>.Iterator)
    }

    public struct Iterator: AsyncIteratorProtocol {
        let api: Api<R>
        let configuration: WatcherConfiguration
        let logger: Logger
        var state = State.empty
        var backoff: Backoff
        /// Events decided but not yet handed out (a list page).
        var pending: [WatcherEvent<R>] = []
        var pendingIndex = 0
        /// When the current watch request opened: a stream that closes at once
        /// is treated as a failure, so a misbehaving server is not hammered.
        var watchOpenedAt = ContinuousClock.now

        init(api: Api<R>, configuration: WatcherConfiguration, logger: Logger) {
            self.api = api
            self.configuration = configuration
            self.logger = logger
            self.backoff = configuration.backoff
        }

        public mutating func next() async throws -> WatcherEvent<R>? {
            while true {
                try Task.checkCancellation()
                if pendingIndex < pending.count {
                    defer { pendingIndex += 1 }
                    return pending[pendingIndex]
                }
                pending.removeAll(keepingCapacity: true)
                pendingIndex = 0
                do {
                    if let event = try await step() { return event }
                } catch is CancellationError {
                    throw CancellationError()
                } catch {
                    try await recover(from: error)
                }
            }
        }

        /// One transition; returns an event to report, or nil to go on.
        private mutating func step() async throws -> WatcherEvent<R>? {
            switch state {
            case .empty:
                state = .listing(continueToken: nil)
                return .initStarted
            case .listing(let token):
                let parameters = ListParameters(
                    labelSelector: configuration.labelSelector, fieldSelector: configuration.fieldSelector,
                    limit: configuration.pageSize)
                let page = try await api.listPage(parameters, continueToken: token)
                pending = page.items.map { item in
                    var item = item
                    item.fillTypeMeta()
                    return .initApply(item)
                }
                if let next = page.metadata.continue, !next.isEmpty {
                    state = .listing(continueToken: next)
                } else {
                    state = .listed(resourceVersion: page.metadata.resourceVersion ?? "")
                    pending.append(.initDone)
                }
                return nil
            case .listed(let resourceVersion):
                let parameters = ListParameters(
                    labelSelector: configuration.labelSelector, fieldSelector: configuration.fieldSelector,
                    timeoutSeconds: configuration.watchTimeoutSeconds)
                let stream = try await api.watch(parameters, resourceVersion: resourceVersion, bookmarks: configuration.bookmarks)
                state = .watching(resourceVersion: resourceVersion, stream: stream.makeAsyncIterator())
                watchOpenedAt = .now
                return nil
            case .watching(var resourceVersion, var stream):
                guard let event = try await stream.next() else {
                    // The server closed the stream (its timeout): resume where we were.
                    state = .listed(resourceVersion: resourceVersion)
                    if ContinuousClock.now - watchOpenedAt < .seconds(1) {
                        try await Task.sleep(for: backoff.next())
                    }
                    return nil
                }
                backoff.reset()
                var result: WatcherEvent<R>?
                switch event {
                case .added(var object), .modified(var object):
                    object.fillTypeMeta()
                    resourceVersion = object.metadata.resourceVersion ?? resourceVersion
                    result = .apply(object)
                case .deleted(var object):
                    object.fillTypeMeta()
                    resourceVersion = object.metadata.resourceVersion ?? resourceVersion
                    result = .delete(object)
                case .bookmark(let version):
                    if !version.isEmpty { resourceVersion = version }
                case .error(let status):
                    throw KubeAPIError(code: Int(status.code ?? 500), status: status)
                }
                state = .watching(resourceVersion: resourceVersion, stream: stream)
                return result
            }
        }

        /// Decides what follows an error, after a backoff delay where useful.
        private mutating func recover(from error: any Error) async throws {
            if let apiError = error as? KubeAPIError, apiError.isGone {
                logger.info("resource version expired, relisting", metadata: ["reason": "\(apiError.message)"])
                state = .empty
                return
            }
            let delay = backoff.next()
            logger.warning(
                "watch failed, retrying", metadata: ["error": "\(error)", "retry.in": "\(delay)", "attempt": "\(backoff.attempts)"])
            switch state {
            case .watching(let resourceVersion, _):
                state = .listed(resourceVersion: resourceVersion)
            case .listing:
                // A continue token may have expired with the error: restart the list.
                state = .empty
            case .empty, .listed:
                break
            }
            try await Task.sleep(for: delay)
        }
    }
}
