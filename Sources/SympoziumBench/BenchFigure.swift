import Foundation

/// One measured figure, printed as `name value unit`.
struct BenchFigure: Sendable {
    var name: String
    var value: Double
    var unit: String

    var line: String {
        let formatted = value.rounded() == value && abs(value) < 1e15 ? String(Int64(value)) : String(format: "%.3f", value)
        return "\(name) \(formatted) \(unit)"
    }
}

/// Wall-clock timing with a monotonic clock.
enum Stopwatch {
    static func measure(_ body: () throws -> Void) rethrows -> Duration {
        let clock = ContinuousClock()
        return try clock.measure(body)
    }
}

extension Duration {
    var seconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }
}

/// Resident set size of this process, from /proc/self/statm.
enum ProcessMemory {
    static func residentBytes() -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }
}
