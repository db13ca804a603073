import Foundation
import KubeModel

/// apimachinery's `duration.HumanDuration`: two or three significant figures,
/// as kubectl's AGE column shows them.
///
/// Under 2 minutes: "90s"; under 10 minutes: "4m30s" (or "4m"); under 3 hours:
/// "45m"; under 8 hours: "3h20m" (or "3h"); under 48 hours: "30h"; under 8
/// days: "3d5h" (or "3d"); under 2 years: "300d"; under 8 years: "2y100d"
/// (or "2y"); then "9y". Up to a second into the future reads "0s"; further is
/// "<invalid>".
public enum HumanDuration {
    public static func format(_ interval: TimeInterval) -> String {
        guard interval.isFinite else { return "<invalid>" }
        let clamped = min(max(interval, -1e15), 1e15)
        let seconds = Int64(clamped)  // truncates toward zero, as Go's int(d.Seconds())
        if seconds < -1 { return "<invalid>" }
        if seconds < 0 { return "0s" }
        if seconds < 60 * 2 { return "\(seconds)s" }
        let minutes = seconds / 60
        if minutes < 10 {
            let remainder = seconds % 60
            return remainder == 0 ? "\(minutes)m" : "\(minutes)m\(remainder)s"
        }
        if minutes < 60 * 3 { return "\(minutes)m" }
        let hours = seconds / 3600
        if hours < 8 {
            let remainder = minutes % 60
            return remainder == 0 ? "\(hours)h" : "\(hours)h\(remainder)m"
        }
        if hours < 48 { return "\(hours)h" }
        if hours < 24 * 8 {
            let remainder = hours % 24
            return remainder == 0 ? "\(hours / 24)d" : "\(hours / 24)d\(remainder)h"
        }
        if hours < 24 * 365 * 2 { return "\(hours / 24)d" }
        if hours < 24 * 365 * 8 {
            let days = (hours / 24) % 365
            return days == 0 ? "\(hours / 24 / 365)y" : "\(hours / 24 / 365)y\(days)d"
        }
        return "\(hours / 24 / 365)y"
    }

    /// `translateTimestampSince`: the age of a timestamp, "<unknown>" when absent.
    public static func since(_ date: Date?, now: Date) -> String {
        guard let date else { return "<unknown>" }
        return format(now.timeIntervalSince(date))
    }

    /// The age of an RFC 3339 timestamp held in JSON; "<unknown>" when absent
    /// or empty, "<invalid>" when unparseable.
    public static func since(_ value: JSONValue?, now: Date) -> String {
        guard let text = value?.stringValue, !text.isEmpty else { return "<unknown>" }
        guard let date = RFC3339.parse(text) else { return "<invalid>" }
        return format(now.timeIntervalSince(date))
    }
}
