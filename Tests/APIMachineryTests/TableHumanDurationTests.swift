import APIMachinery
import Foundation
import Testing

@Suite("HumanDuration")
struct TableHumanDurationTests {
    static let cases: [(Double, String)] = [
        (-5.0, "<invalid>"), (-1.5, "0s"), (0.0, "0s"), (5.0, "5s"), (90.0, "90s"), (119.9, "119s"),
        (120.0, "2m"), (270.0, "4m30s"), (599.0, "9m59s"), (600.0, "10m"), (2700.0, "45m"), (10_799.0, "179m"),
        (10_800.0, "3h"), (12_000.0, "3h20m"), (28_799.0, "7h59m"), (28_800.0, "8h"), (108_000.0, "30h"),
        (172_800.0, "2d"), (277_200.0, "3d5h"), (691_199.0, "7d23h"), (691_200.0, "8d"),
        (300.0 * 86_400, "300d"), (729.0 * 86_400, "729d"), (730.0 * 86_400, "2y"), (830.0 * 86_400, "2y100d"),
        (2920.0 * 86_400, "8y"), (4000.0 * 86_400, "10y"),
    ]

    @Test(arguments: cases)
    func formats(seconds: Double, expected: String) {
        #expect(HumanDuration.format(seconds) == expected)
    }

    @Test func sinceTimestamps() {
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        #expect(HumanDuration.since(Date?.none, now: now) == "<unknown>")
        #expect(HumanDuration.since(now.addingTimeInterval(-150), now: now) == "2m30s")
        #expect(HumanDuration.since(.string("not a time"), now: now) == "<invalid>")
    }
}
