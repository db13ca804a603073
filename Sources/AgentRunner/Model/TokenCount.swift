/// Tokens used by one or more calls.
public struct TokenCount: Sendable, Hashable {
    public var input: Int
    public var output: Int

    public init(input: Int = 0, output: Int = 0) {
        self.input = input
        self.output = output
    }

    public static func + (lhs: TokenCount, rhs: TokenCount) -> TokenCount {
        TokenCount(input: lhs.input + rhs.input, output: lhs.output + rhs.output)
    }
}
