/// The runner's configuration (environment) is unusable.
public struct ConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Stable identifier, e.g. `MissingTask`, `MissingBaseURL`, `InvalidFallbacks`.
    public var code: String
    public var message: String

    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
