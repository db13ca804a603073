import Foundation

/// Fixed-width RFC 3339 timestamps with nanoseconds ("2026-12-01T10:47:00.123456789Z"),
/// the prefix of every line in a container log. Fixed width keeps them
/// comparable as strings.
enum LogTimestamp {
    static func now() -> String {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return format(seconds: spec.tv_sec, nanoseconds: Int(spec.tv_nsec))
    }

    static func format(seconds: Int, nanoseconds: Int) -> String {
        var time = seconds
        var parts = tm()
        gmtime_r(&time, &parts)
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(Int(parts.tm_year) + 1900, 4))-\(pad(Int(parts.tm_mon) + 1, 2))-\(pad(Int(parts.tm_mday), 2))T"
            + "\(pad(Int(parts.tm_hour), 2)):\(pad(Int(parts.tm_min), 2)):\(pad(Int(parts.tm_sec), 2)).\(pad(nanoseconds, 9))Z"
    }

    /// The timestamp `seconds` ago, for sinceSeconds.
    static func secondsAgo(_ seconds: Int) -> String {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return format(seconds: spec.tv_sec - seconds, nanoseconds: Int(spec.tv_nsec))
    }
}
