import Foundation
import HookdTesting
import Testing

@testable import HookdCore

/// The hand-written timestamp formatting against Foundation's formatter.
struct TimestampTests {
    @Test("timestamps are formatted as ISO 8601 UTC with milliseconds, as the formatter does")
    func timestamps() {
        var random = RandomJSONValues(seed: 42)
        let samples: [Double] = [0, -0.001, -1, 951_782_400, 1_764_384_312.123, 4_102_444_799.999]
            + (0..<3000).map { _ in Double(random.next() % 8_000_000_000_000) / 1000 - 2_000_000_000 }
        for seconds in samples {
            let date = Date(timeIntervalSince1970: seconds)
            #expect(Timestamp.format(date) == Self.reference(date), "\(seconds)")
        }
    }

    /// The formatter-based rendering `Timestamp.format` replaced.
    private static func reference(_ date: Date) -> String {
        let totalMilliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded())
        let (seconds, milliseconds) = totalMilliseconds.quotientAndRemainder(dividingBy: 1000)
        let wholeSeconds = milliseconds < 0 ? seconds - 1 : seconds
        let fraction = milliseconds < 0 ? milliseconds + 1000 : milliseconds
        let text = Date(timeIntervalSince1970: TimeInterval(wholeSeconds)).formatted(Date.ISO8601FormatStyle(timeZone: .gmt))
        let digits = String(fraction)
        return text.dropLast() + "." + String(repeating: "0", count: 3 - digits.count) + digits + "Z"
    }
}
