/// Exponential backoff with full jitter: each delay is random in
/// [base·2ⁿ/2, base·2ⁿ], capped at `maximum`.
public struct Backoff: Sendable, Hashable {
    public var initial: Duration
    public var maximum: Duration
    public var multiplier: Double
    public private(set) var attempts = 0

    public init(initial: Duration = .milliseconds(800), maximum: Duration = .seconds(30), multiplier: Double = 2) {
        self.initial = initial
        self.maximum = maximum
        self.multiplier = multiplier
    }

    /// The next delay; each call grows the following one.
    public mutating func next() -> Duration {
        let exponent = Double(min(attempts, 40))
        attempts += 1
        let initialSeconds = Self.seconds(initial)
        let ceiling = min(initialSeconds * pow(multiplier, exponent), Self.seconds(maximum))
        let jittered = Double.random(in: (ceiling / 2)...max(ceiling / 2, ceiling))
        return .milliseconds(Int64(jittered * 1000))
    }

    public mutating func reset() {
        attempts = 0
    }

    static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }

    private func pow(_ base: Double, _ exponent: Double) -> Double {
        var result = 1.0
        var remaining = Int(exponent)
        while remaining > 0 {
            result *= base
            remaining -= 1
        }
        return result
    }
}
