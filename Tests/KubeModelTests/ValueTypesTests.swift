import Foundation
import KubeModel
import Testing

@Suite("Time, Duration and Quantity")
struct ValueTypesTests {
    @Test func timeParsesFractionalSecondsAndOffsets() throws {
        let plain = try #require(Time(rfc3339: "2026-11-21T10:20:30Z"))
        #expect(plain.description == "2026-11-21T10:20:30Z")
        let fractional = try #require(Time(rfc3339: "2026-11-21T10:20:30.123456Z"))
        #expect(abs(fractional.date.timeIntervalSince(plain.date) - 0.123456) < 1e-6)
        let offset = try #require(Time(rfc3339: "2026-11-21T12:20:30+02:00"))
        #expect(offset == plain)
        #expect(Time(rfc3339: "2026-13-01T00:00:00Z") == nil)
        #expect(Time(rfc3339: "yesterday") == nil)
        #expect(MicroTime(plain.date).description == "2026-11-21T10:20:30.000000Z")
    }

    @Test func timeRoundTripsThroughJSON() throws {
        let time = try #require(Time(rfc3339: "1999-12-31T23:59:59Z"))
        let data = try JSONEncoder().encode([time])
        #expect(String(decoding: data, as: UTF8.self) == #"["1999-12-31T23:59:59Z"]"#)
        #expect(try JSONDecoder().decode([Time].self, from: data) == [time])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([Time].self, from: Data(#"["nope"]"#.utf8)) }
    }

    @Test(arguments: [
        ("90s", 90.0, "1m30s"), ("10m", 600, "10m0s"), ("1h30m", 5400, "1h30m0s"), ("1.5h", 5400, "1h30m0s"),
        ("300ms", 0.3, "300ms"), ("0", 0, "0s"), ("2h0m5s", 7205, "2h0m5s"),
    ])
    func durationParses(text: String, seconds: Double, canonical: String) throws {
        let duration = try #require(KubeDuration(parsing: text))
        #expect(abs(duration.seconds - seconds) < 1e-9)
        #expect(duration.description == canonical)
    }

    @Test(arguments: ["", "10", "5 m", "1x", "h", "1.2.3s", "--1s"])
    func durationRejects(text: String) {
        #expect(KubeDuration(parsing: text) == nil)
    }

    @Test func quantityParsesAndCompares() throws {
        let half = try #require(Quantity(parsing: "500m"))
        let one = try #require(Quantity(parsing: "1"))
        #expect(half < one)
        #expect(half.milliValue == 500)
        #expect(Quantity(parsing: "1Gi") == Quantity(parsing: "1024Mi"))
        #expect(Quantity(parsing: "1k")?.integerValue == 1000)
        #expect(Quantity(parsing: "1e3") == Quantity(parsing: "1k"))
        #expect(Quantity(parsing: "1.5")?.milliValue == 1500)
        #expect(Quantity(parsing: "2")?.integerValue == 2)
        #expect(Quantity(parsing: "128Mi")?.integerValue == 134_217_728)
        #expect(Quantity(parsing: "1E")?.integerValue == 1_000_000_000_000_000_000)
        #expect(Quantity(parsing: "100u")?.milliValue == 1)
        #expect(try #require(Quantity(parsing: "2Gi")) > Quantity(parsing: "2G") ?? one)
        for bad in ["", "abc", "1Gb", "1..2", "Mi", "1 Gi"] {
            #expect(Quantity(parsing: bad) == nil, "\(bad) should not parse")
        }
    }

    @Test func quantityDecodesNumbersAndKeepsText() throws {
        let decoded = try JSONDecoder().decode([String: Quantity].self, from: Data(#"{"cpu":2,"memory":"1Gi"}"#.utf8))
        #expect(decoded["cpu"]?.text == "2")
        #expect(decoded["memory"]?.text == "1Gi")
        let encoded = try JSONEncoder().encode(decoded["memory"])
        #expect(String(decoding: encoded, as: UTF8.self) == #""1Gi""#)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(Quantity.self, from: Data(#""lots""#.utf8))
        }
    }
}
