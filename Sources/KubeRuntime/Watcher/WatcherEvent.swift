import KubeModel

/// What a watcher reports. A (re)list is framed by `initStarted` and
/// `initDone`, with every listed object as `initApply` between them, so a store
/// can build the new state aside and swap it in at once.
public enum WatcherEvent<R: KubernetesResource>: Sendable {
    case initStarted
    case initApply(R)
    case initDone
    /// An object was added or changed.
    case apply(R)
    /// An object was deleted (its last state).
    case delete(R)
}

/// How a watcher lists and watches.
public struct WatcherConfiguration: Sendable, Hashable {
    public var labelSelector: String?
    public var fieldSelector: String?
    /// Objects per page of the initial list.
    public var pageSize = 500
    /// Server-side timeout of each watch request; the watcher then resumes.
    public var watchTimeoutSeconds = 290
    /// Ask for bookmarks so resuming after a quiet period needs no relist.
    public var bookmarks = true
    /// Delays between failed attempts.
    public var backoff = Backoff()
    /// Decode `metadata.managedFields`. Off by default: watchers feed caches,
    /// which never read them, and skipping them at decode time is much
    /// cheaper than dropping them afterwards.
    public var decodesManagedFields = false

    public init(labelSelector: String? = nil, fieldSelector: String? = nil) {
        self.labelSelector = labelSelector
        self.fieldSelector = fieldSelector
    }
}
