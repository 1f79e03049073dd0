import Foundation

/// A length of time written the way operators write it: `500ms`, `10s`, `1m`, `1h30m`, `2d`.
///
/// Encodes as that text so manifests, the API and the store all read the same.
public struct Interval: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The length in milliseconds; never negative.
    public var milliseconds: Int64

    public init(milliseconds: Int64) {
        precondition(milliseconds >= 0, "an interval is never negative")
        self.milliseconds = milliseconds
    }

    public static func seconds(_ value: Int64) -> Interval { Interval(milliseconds: value * 1000) }
    public static func minutes(_ value: Int64) -> Interval { Interval(milliseconds: value * 60_000) }
    public static func hours(_ value: Int64) -> Interval { Interval(milliseconds: value * 3_600_000) }
    public static func days(_ value: Int64) -> Interval { Interval(milliseconds: value * 86_400_000) }

    /// The same length as a `TimeInterval` (seconds).
    public var timeInterval: TimeInterval { Double(milliseconds) / 1000 }

    /// The same length as a Swift `Duration`.
    public var duration: Duration { .milliseconds(milliseconds) }

    private static let units: [(suffix: String, milliseconds: Int64)] = [
        ("d", 86_400_000), ("h", 3_600_000), ("m", 60_000), ("s", 1000), ("ms", 1),
    ]

    /// Parses `1h30m`, `45s`, `250ms`; throws a message fit for an operator otherwise.
    public init(parsing text: String) throws(IntervalParseError) {
        // Trimming goes through NSString: skip it when there is nothing to trim.
        let spaces = CharacterSet.whitespaces
        let padded = [text.unicodeScalars.first, text.unicodeScalars.last].contains { $0.map(spaces.contains) == true }
        let trimmed = padded ? text.trimmingCharacters(in: spaces) : text
        guard !trimmed.isEmpty else { throw IntervalParseError(text: text) }
        var total: Int64 = 0
        var rest = Substring(trimmed)
        while !rest.isEmpty {
            let digits = rest.prefix(while: \.isASCIIDigit)
            guard !digits.isEmpty, let number = Int64(digits) else { throw IntervalParseError(text: text) }
            rest = rest.dropFirst(digits.count)
            let unitText = rest.prefix(while: { $0.isLetter })
            guard let unit = Self.units.first(where: { $0.suffix == unitText }) else {
                throw IntervalParseError(text: text)
            }
            rest = rest.dropFirst(unitText.count)
            let (product, overflow) = number.multipliedReportingOverflow(by: unit.milliseconds)
            guard !overflow, total <= Int64.max - product else { throw IntervalParseError(text: text) }
            total += product
        }
        self.init(milliseconds: total)
    }

    /// The shortest text that parses back to this length (`1h30m`, `0s`).
    public var description: String {
        if milliseconds == 0 { return "0s" }
        var rest = milliseconds
        var text = ""
        for unit in Self.units where rest >= unit.milliseconds {
            text += "\(rest / unit.milliseconds)\(unit.suffix)"
            rest %= unit.milliseconds
        }
        return text
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            try self.init(parsing: text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    public static func < (lhs: Interval, rhs: Interval) -> Bool { lhs.milliseconds < rhs.milliseconds }
}

/// A duration that could not be read.
public struct IntervalParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The text as given.
    public var text: String

    public var description: String {
        "invalid duration \"\(text)\": use a number with a unit, e.g. 500ms, 30s, 5m, 1h30m, 2d"
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
