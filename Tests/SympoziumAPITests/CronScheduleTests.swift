import Foundation
import KubeModel
import SympoziumAPI
import Testing

@Suite("Cron schedules")
struct CronScheduleTests {
    func date(_ text: String) throws -> Date { try #require(Time(rfc3339: text)).date }

    @Test(arguments: [
        ("*/15 * * * *", "2026-11-21T10:07:00Z", "2026-11-21T10:15:00Z"),
        ("0 9 * * *", "2026-11-21T10:00:00Z", "2026-11-22T09:00:00Z"),
        ("0 9 * * mon-fri", "2026-11-21T10:00:00Z", "2026-11-23T09:00:00Z"),
        ("30 2 1 jan *", "2026-11-21T10:00:00Z", "2027-01-01T02:30:00Z"),
        ("0 0 29 2 *", "2026-03-01T00:00:00Z", "2028-02-29T00:00:00Z"),
        ("0 12 13 * 5", "2026-11-21T10:00:00Z", "2026-11-27T12:00:00Z"),
        ("@hourly", "2026-11-21T10:00:00Z", "2026-11-21T11:00:00Z"),
        ("@daily", "2026-11-21T10:00:00Z", "2026-11-22T00:00:00Z"),
        ("@weekly", "2026-11-21T10:00:00Z", "2026-11-22T00:00:00Z"),
        ("@every 90s", "2026-11-21T10:00:00Z", "2026-11-21T10:01:30Z"),
        ("5,10 1-3/2 * * 7", "2026-11-21T10:00:00Z", "2026-11-22T01:05:00Z"),
    ])
    func nextFiringTime(expression: String, after: String, expected: String) throws {
        let schedule = try CronSchedule(parsing: expression)
        #expect(Time(try #require(schedule.next(after: try date(after)))).description == expected)
    }

    @Test(arguments: ["61 * * * *", "* * *", "*/0 * * * *", "5-1 * * * *", "@sometimes", "@every 0s", "* * * foo *", "1,,2 * * * *"])
    func rejectsInvalidExpressions(expression: String) {
        #expect(throws: CronError.self) { try CronSchedule(parsing: expression) }
    }

    @Test func errorNamesTheField() {
        do {
            _ = try CronSchedule(parsing: "61 * * * *")
            Issue.record("must throw")
        } catch {
            #expect(error.description == #"invalid cron expression "61 * * * *": minute value "61" is not in 0-59"#)
        }
    }
}
