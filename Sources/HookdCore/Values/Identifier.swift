import Foundation

/// Makes the identifiers hookd assigns: a type prefix and a ULID (`evt_01JF...`), so ids
/// sort by creation time and say what they name.
public enum Identifier {
    /// What an identifier names, and so its prefix.
    public enum Kind: String, Sendable {
        case event = "evt"
        case delivery = "dlv"
        case webhook = "wh"
    }

    private static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ".utf8)

    /// A new identifier such as `dlv_01JF3Q8Z6W5N9X2C4V7B8M1K0P`.
    public static func make(_ kind: Kind, at date: Date = Date()) -> String {
        var generator = BufferedSystemRandom()
        return make(kind, at: date, using: &generator)
    }

    /// A new identifier from the given source of randomness (for reproducible tests).
    public static func make(_ kind: Kind, at date: Date, using generator: inout some RandomNumberGenerator) -> String {
        let millis = UInt64(max(0, date.timeIntervalSince1970 * 1000))
        var bytes = [UInt8](repeating: 0, count: 16)
        for index in 0..<6 { bytes[index] = UInt8(truncatingIfNeeded: millis >> (8 * (5 - index))) }
        // Two draws of 64 random bits rather than ten of 8.
        let random = (generator.next() as UInt64, generator.next() as UInt64)
        for index in 6..<14 { bytes[index] = UInt8(truncatingIfNeeded: random.0 >> (8 * (index - 6))) }
        for index in 14..<16 { bytes[index] = UInt8(truncatingIfNeeded: random.1 >> (8 * (index - 14))) }
        return "\(kind.rawValue)_\(crockfordBase32(bytes))"
    }

    /// 128 bits as 26 Crockford base32 characters, most significant first.
    private static func crockfordBase32(_ bytes: [UInt8]) -> String {
        var high = UInt64(0)
        var low = UInt64(0)
        for index in 0..<8 { high = high << 8 | UInt64(bytes[index]) }
        for index in 8..<16 { low = low << 8 | UInt64(bytes[index]) }
        var output = [UInt8](repeating: 0, count: 26)
        for position in stride(from: 25, through: 0, by: -1) {
            output[position] = alphabet[Int(low & 31)]
            low = low >> 5 | (high & 31) << 59
            high >>= 5
        }
        return String(decoding: output, as: UTF8.self)
    }
}
