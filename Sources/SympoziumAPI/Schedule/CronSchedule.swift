import Foundation
import KubeModel

/// A parsed schedule: five cron fields (minute hour day-of-month month
/// day-of-week), a descriptor (@hourly, @daily, @weekly, @monthly, @yearly),
/// or `@every <duration>`. Times are evaluated in UTC.
public struct CronSchedule: Hashable, Sendable, CustomStringConvertible {
    public enum Kind: Hashable, Sendable {
        case fields(minutes: Set<Int>, hours: Set<Int>, daysOfMonth: Set<Int>, months: Set<Int>, daysOfWeek: Set<Int>,
                    dayOfMonthRestricted: Bool, dayOfWeekRestricted: Bool)
        case every(KubeDuration)
    }

    public let expression: String
    public let kind: Kind

    public var description: String { expression }

    private static let descriptors: [String: String] = [
        "@yearly": "0 0 1 1 *", "@annually": "0 0 1 1 *", "@monthly": "0 0 1 * *",
        "@weekly": "0 0 * * 0", "@daily": "0 0 * * *", "@midnight": "0 0 * * *", "@hourly": "0 * * * *",
    ]
    private static let monthNames = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    private static let dayNames = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]

    /// Parses a schedule; the error names the offending field.
    public init(parsing expression: String) throws(CronError) {
        let trimmed = expression.trimmingCharacters(in: .whitespaces)
        self.expression = expression
        if trimmed.hasPrefix("@every ") {
            let text = trimmed.dropFirst("@every ".count).trimmingCharacters(in: .whitespaces)
            guard let duration = KubeDuration(parsing: text), duration.nanoseconds >= 1_000_000_000 else {
                throw CronError(expression: expression, reason: "@every needs a duration of at least 1s, such as 5m")
            }
            kind = .every(duration)
            return
        }
        let source = Self.descriptors[trimmed.lowercased()] ?? trimmed
        if source.hasPrefix("@") {
            throw CronError(expression: expression, reason: "unknown descriptor \(source)")
        }
        let fields = source.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard fields.count == 5 else {
            throw CronError(expression: expression, reason: "expected 5 fields, found \(fields.count)")
        }
        let minutes = try Self.parseField(fields[0], name: "minute", range: 0...59, names: [], expression: expression)
        let hours = try Self.parseField(fields[1], name: "hour", range: 0...23, names: [], expression: expression)
        let days = try Self.parseField(fields[2], name: "day of month", range: 1...31, names: [], expression: expression)
        let months = try Self.parseField(fields[3], name: "month", range: 1...12, names: Self.monthNames, expression: expression)
        var weekdays = try Self.parseField(fields[4], name: "day of week", range: 0...7, names: Self.dayNames, expression: expression)
        if weekdays.remove(7) != nil { weekdays.insert(0) }
        kind = .fields(
            minutes: minutes, hours: hours, daysOfMonth: days, months: months, daysOfWeek: weekdays,
            dayOfMonthRestricted: !Self.isWildcard(fields[2]), dayOfWeekRestricted: !Self.isWildcard(fields[4]))
    }

    private static func isWildcard(_ field: String) -> Bool { field == "*" || field == "?" }

    private static func parseField(
        _ field: String, name: String, range: ClosedRange<Int>, names: [String], expression: String
    ) throws(CronError) -> Set<Int> {
        var values: Set<Int> = []
        func value(_ text: Substring) throws(CronError) -> Int {
            if let number = Int(text), range.contains(number) { return number }
            if let index = names.firstIndex(of: text.lowercased()) { return index + (range.lowerBound == 1 ? 1 : 0) }
            throw CronError(expression: expression, reason: "\(name) value \"\(text)\" is not in \(range.lowerBound)-\(range.upperBound)")
        }
        for part in field.split(separator: ",", omittingEmptySubsequences: false) {
            let pieces = part.split(separator: "/", omittingEmptySubsequences: false)
            guard pieces.count <= 2, let base = pieces.first, !base.isEmpty else {
                throw CronError(expression: expression, reason: "\(name) field \"\(field)\" is malformed")
            }
            var step = 1
            if pieces.count == 2 {
                guard let parsed = Int(pieces[1]), parsed > 0 else {
                    throw CronError(expression: expression, reason: "\(name) step \"\(pieces[1])\" must be a positive number")
                }
                step = parsed
            }
            var low = range.lowerBound
            var high = range.upperBound
            if base != "*" && base != "?" {
                let bounds = base.split(separator: "-", omittingEmptySubsequences: false)
                guard bounds.count <= 2 else {
                    throw CronError(expression: expression, reason: "\(name) range \"\(base)\" is malformed")
                }
                low = try value(bounds[0])
                high = bounds.count == 2 ? try value(bounds[1]) : (pieces.count == 2 ? range.upperBound : low)
                guard low <= high else {
                    throw CronError(expression: expression, reason: "\(name) range \"\(base)\" runs backwards")
                }
            }
            values.formUnion(stride(from: low, through: high, by: step))
        }
        return values
    }

    /// The first time strictly after `date` at which the schedule fires.
    public func next(after date: Date) -> Date? {
        switch kind {
        case .every(let interval):
            return date.addingTimeInterval(interval.seconds)
        case .fields(let minutes, let hours, let days, let months, let weekdays, let domRestricted, let dowRestricted):
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
            let start = floor(date.timeIntervalSince1970 / 60) * 60 + 60
            guard var current = Optional(Date(timeIntervalSince1970: start)) else { return nil }
            // Five years covers every valid expression (Feb 29 on a given weekday included).
            let limit = date.addingTimeInterval(5 * 366 * 86_400)
            while current < limit {
                let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .weekday], from: current)
                guard let year = parts.year, let month = parts.month, let day = parts.day, let hour = parts.hour,
                    let minute = parts.minute, let weekday = parts.weekday
                else { return nil }
                if !months.contains(month) {
                    let nextMonth = month == 12 ? (year + 1, 1) : (year, month + 1)
                    guard let jump = calendar.date(from: DateComponents(year: nextMonth.0, month: nextMonth.1, day: 1))
                    else { return nil }
                    current = jump
                    continue
                }
                let domMatch = days.contains(day)
                let dowMatch = weekdays.contains(weekday - 1)
                let dayMatches = domRestricted && dowRestricted ? (domMatch || dowMatch) : (domMatch && dowMatch)
                if !dayMatches {
                    guard let jump = calendar.date(from: DateComponents(year: year, month: month, day: day + 1)) else {
                        return nil
                    }
                    current = jump
                    continue
                }
                if !hours.contains(hour) {
                    current = Date(timeIntervalSince1970: (floor(current.timeIntervalSince1970 / 3600) + 1) * 3600)
                    continue
                }
                if !minutes.contains(minute) {
                    current = current.addingTimeInterval(60)
                    continue
                }
                return current
            }
            return nil
        }
    }
}

/// Why a schedule expression is not valid.
public struct CronError: Error, Hashable, Sendable, CustomStringConvertible {
    public var expression: String
    public var reason: String

    public var description: String { "invalid cron expression \"\(expression)\": \(reason)" }
}
