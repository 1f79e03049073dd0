import Foundation

/// The JSON encoders and decoders every hookd component uses, so dates and key order agree
/// between the daemon, the store and the CLI.
///
/// Dates are ISO 8601 in UTC with milliseconds (`2026-11-29T02:45:12.123Z`).
public enum JSONCoding {
    /// Compact output, keys sorted: the canonical form for stored and signed payloads.
    public static var canonicalEncoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(Timestamp.format(date))
        }
        return encoder
    }

    /// Indented, keys sorted: for people reading `-o json`.
    public static var prettyEncoder: JSONEncoder {
        let encoder = canonicalEncoder
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return encoder
    }

    /// Accepts the ISO 8601 dates hookd writes, with or without fractional seconds.
    public static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = Timestamp.parse(text) else {
                throw DecodingError.dataCorruptedError(
                    in: container, debugDescription: "expected an ISO 8601 timestamp, got \(text)")
            }
            return date
        }
        return decoder
    }
}

/// Formats and parses the ISO 8601 UTC timestamps used on the wire.
public enum Timestamp {
    /// `2026-11-29T02:45:12.123Z`, rounded to the nearest millisecond.
    ///
    /// The milliseconds are written by hand: the formatter truncates the binary fraction, so
    /// `.123` (held as `.12299999...`) would print as `.122`.
    public static func format(_ date: Date) -> String {
        let totalMilliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded())
        let (seconds, milliseconds) = floorDivision(totalMilliseconds, 1000)
        let (days, secondOfDay) = floorDivision(seconds, 86_400)
        let (year, month, day) = civilDate(daysSinceEpoch: days)
        guard (0...9999).contains(year) else {
            var text = digits(year, 4) + "-" + digits(month, 2) + "-" + digits(day, 2) + "T"
            text += digits(secondOfDay / 3600, 2) + ":" + digits(secondOfDay % 3600 / 60, 2) + ":"
            return text + digits(secondOfDay % 60, 2) + "." + digits(milliseconds, 3) + "Z"
        }
        // Four-digit years, digit by digit into one buffer: this runs once per published event.
        var text: [UInt8] = []
        text.reserveCapacity(24)
        func append(_ value: Int64, width: Int, then separator: Unicode.Scalar) {
            var divisor: Int64 = 1
            for _ in 1..<width { divisor *= 10 }
            while divisor > 0 {
                text.append(UInt8(ascii: "0") + UInt8(value / divisor % 10))
                divisor /= 10
            }
            text.append(UInt8(ascii: separator))
        }
        append(year, width: 4, then: "-")
        append(month, width: 2, then: "-")
        append(day, width: 2, then: "T")
        append(secondOfDay / 3600, width: 2, then: ":")
        append(secondOfDay % 3600 / 60, width: 2, then: ":")
        append(secondOfDay % 60, width: 2, then: ".")
        append(milliseconds, width: 3, then: "Z")
        return String(decoding: text, as: UTF8.self)
    }

    /// The proleptic Gregorian date `days` after 1970-01-01 (Howard Hinnant's
    /// `civil_from_days`), computed by hand because this runs once per published event.
    private static func civilDate(daysSinceEpoch days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    private static func floorDivision(_ value: Int64, _ divisor: Int64) -> (Int64, Int64) {
        let (quotient, remainder) = value.quotientAndRemainder(dividingBy: divisor)
        return remainder < 0 ? (quotient - 1, remainder + divisor) : (quotient, remainder)
    }

    private static func digits(_ value: Int64, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }

    /// Parses ISO 8601 with or without fractional seconds; `nil` when it is not a timestamp.
    public static func parse(_ text: String) -> Date? {
        if let date = try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text) {
            return date
        }
        return try? Date.ISO8601FormatStyle().parse(text)
    }
}
