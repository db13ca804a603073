/// One bind mount of a container's sandbox.
struct ResolvedMount: Sendable, Hashable {
    var source: String
    var destination: String
    var readOnly: Bool
}
