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
        let (seconds, milliseconds) = totalMilliseconds.quotientAndRemainder(dividingBy: 1000)
        let wholeSeconds = milliseconds < 0 ? seconds - 1 : seconds
        let fraction = milliseconds < 0 ? milliseconds + 1000 : milliseconds
        let text = Date(timeIntervalSince1970: TimeInterval(wholeSeconds))
            .formatted(Date.ISO8601FormatStyle(timeZone: .gmt))
        let digits = String(fraction)
        return text.dropLast() + "." + String(repeating: "0", count: 3 - digits.count) + digits + "Z"
    }

    /// Parses ISO 8601 with or without fractional seconds; `nil` when it is not a timestamp.
    public static func parse(_ text: String) -> Date? {
        if let date = try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text) {
            return date
        }
        return try? Date.ISO8601FormatStyle().parse(text)
    }
}
