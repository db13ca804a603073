import Foundation
import KubeModel

/// JSON renderings of protobuf values that Kubernetes marshals specially.
enum ProtoValueFormat {
    /// 0001-01-01T00:00:00Z, the earliest time RFC 3339 can express.
    static let minSeconds: Int64 = -62_135_596_800
    /// 9999-12-31T23:59:59Z, the latest.
    static let maxSeconds: Int64 = 253_402_300_799

    /// `metav1.Time` JSON: RFC 3339 in UTC at second precision
    /// ("2006-01-02T15:04:05Z"); `nil` outside years 1...9999.
    static func rfc3339(seconds: Int64) -> String? {
        guard seconds >= minSeconds, seconds <= maxSeconds else { return nil }
        let (days, secondOfDay) = floorDivide(seconds, 86_400)
        let (year, month, day) = civilDate(daysSinceEpoch: days)
        let hour = secondOfDay / 3600
        let minute = secondOfDay % 3600 / 60
        let second = secondOfDay % 60
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T"
            + "\(pad(hour, 2)):\(pad(minute, 2)):\(pad(second, 2))Z"
    }

    /// Go's `[]byte` JSON: standard base64 with padding.
    static func base64(_ bytes: ArraySlice<UInt8>) -> String {
        Data(bytes).base64EncodedString()
    }

    /// Go's JSON encoding of a string: invalid UTF-8 becomes U+FFFD.
    static func string(_ bytes: ArraySlice<UInt8>) -> String {
        String(decoding: bytes, as: UTF8.self)
    }

    /// An embedded JSON document (`RawExtension`, `FieldsV1`); empty is `null`.
    static func json(_ bytes: ArraySlice<UInt8>) throws(ProtobufError) -> JSONValue {
        guard !bytes.isEmpty else { return .null }
        do {
            return try JSONDecoder().decode(JSONValue.self, from: Data(bytes))
        } catch {
            throw ProtobufError(.invalidValue, "embedded raw JSON is not valid JSON")
        }
    }

    private static func floorDivide(_ value: Int64, _ divisor: Int64) -> (Int64, Int64) {
        let quotient = value / divisor
        let remainder = value % divisor
        return remainder < 0 ? (quotient - 1, remainder + divisor) : (quotient, remainder)
    }

    /// Proleptic Gregorian date from days since 1970-01-01 (H. Hinnant's algorithm).
    private static func civilDate(daysSinceEpoch: Int64) -> (Int64, Int64, Int64) {
        let shifted = daysSinceEpoch + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
