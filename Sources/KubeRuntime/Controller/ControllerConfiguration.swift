/// How a controller runs.
public struct ControllerConfiguration: Sendable {
    /// Reconciles running at once (never two for the same object).
    public var concurrency = 4
    /// Delays after failed reconciles of one object; reset by a success.
    public var errorBackoff = Backoff(initial: .milliseconds(500), maximum: .seconds(300))
    /// Skip changes of the primary kind that leave metadata.generation alone
    /// (status-only writes), except the start of a deletion.
    public var generationPredicate = true
    /// How the primary kind is listed and watched.
    public var watcher = WatcherConfiguration()

    public init(concurrency: Int = 4) {
        self.concurrency = concurrency
    }
}
