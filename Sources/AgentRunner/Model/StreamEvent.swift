/// Output as it streams in.
public enum StreamEvent: Sendable, Hashable {
    case text(String)
    case thinking(String)
    case toolCall(id: String, name: String)
}

/// Receives stream events; called in order, from the task making the request.
public typealias StreamSink = @Sendable (StreamEvent) async -> Void
