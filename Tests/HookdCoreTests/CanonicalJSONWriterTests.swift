import Foundation
import Testing

@testable import HookdCore

/// The hand-written canonical JSON and timestamps against Foundation's, on many values.
struct CanonicalJSONWriterTests {
    @Test("the writer gives JSONEncoder's canonical bytes for random JSON values")
    func matchesEncoder() throws {
        var random = SplitMix64(seed: 0x5EED_1234)
        for _ in 0..<2000 {
            let value = Self.randomValue(depth: 0, &random)
            let expected = try JSONCoding.canonicalEncoder.encode(value)
            var writer = CanonicalJSONWriter()
            try writer.write(value)
            #expect(Data(writer.bytes) == expected, "\(String(decoding: expected, as: UTF8.self))")
        }
    }

    @Test("string members (headers) are written as the encoder writes them")
    func stringMembers() throws {
        let headers = ["content-type": "application/json", "X-Odd": "a\"b\\c\u{1}\n", "é": "😀", "": "/"]
        var writer = CanonicalJSONWriter()
        writer.write(headers)
        #expect(Data(writer.bytes) == (try JSONCoding.canonicalEncoder.encode(headers)))
    }

    @Test("timestamps are formatted as ISO 8601 UTC with milliseconds, as the formatter does")
    func timestamps() {
        var random = SplitMix64(seed: 42)
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

    private static let alphabet: [String] = [
        "a", "b", "Z", "_", "1", "10", "2", " ", "\"", "\\", "/", "\n", "\t", "\r", "\u{8}", "\u{c}", "\u{1}", "\u{1f}",
        "\u{7f}", "é", "ß", "ss", "😀", "\u{2028}", "ﬀ", "+44", "no",
    ]

    private static func randomString(_ random: inout SplitMix64) -> String {
        (0..<Int(random.next() % 6)).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }.joined()
    }

    private static func randomValue(depth: Int, _ random: inout SplitMix64) -> JSONValue {
        let kinds: UInt64 = depth > 3 ? 5 : 7
        switch random.next() % kinds {
        case 0: return .null
        case 1: return .bool(random.next() % 2 == 0)
        case 2: return .int(Int64(bitPattern: random.next()) >> Int64(random.next() % 64))
        case 3:
            let choices: [Double] = [0.5, -0.0, 0.1, 1e20, 1e-7, 3.0e16, 123456789012.5, 1e15, 42, -7, Double.leastNonzeroMagnitude]
            return random.next() % 2 == 0
                ? .double(choices[Int(random.next() % UInt64(choices.count))])
                : .double(Double(Int64(bitPattern: random.next()) % 1_000_000) / 64)
        case 4: return .string(randomString(&random))
        case 5: return .array((0..<Int(random.next() % 4)).map { _ in randomValue(depth: depth + 1, &random) })
        default:
            var members: [String: JSONValue] = [:]
            for _ in 0..<Int(random.next() % 5) { members[randomString(&random)] = randomValue(depth: depth + 1, &random) }
            return .object(members)
        }
    }
}
