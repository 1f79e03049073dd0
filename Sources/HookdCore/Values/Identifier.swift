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
    ///
    /// The 128 bits are 48 of milliseconds since 1970 and 80 random ones, written straight
    /// into the string's storage: one allocation per id, which matters because every
    /// delivery takes one.
    public static func make(_ kind: Kind, at date: Date, using generator: inout some RandomNumberGenerator) -> String {
        let millis = UInt64(max(0, date.timeIntervalSince1970 * 1000)) & 0xFFFF_FFFF_FFFF
        // Two draws of 64 random bits: all of the first and 16 of the second.
        let random = (generator.next() as UInt64, generator.next() as UInt64)
        var high = millis << 16 | random.1 & 0xFFFF
        var low = random.0
        let prefix = kind.rawValue.utf8
        return String(unsafeUninitializedCapacity: prefix.count + 27) { buffer in
            var index = 0
            for byte in prefix {
                buffer[index] = byte
                index += 1
            }
            buffer[index] = UInt8(ascii: "_")
            // 26 Crockford base32 characters, most significant first.
            for position in stride(from: index + 26, to: index, by: -1) {
                buffer[position] = alphabet[Int(low & 31)]
                low = low >> 5 | (high & 31) << 59
                high >>= 5
            }
            return index + 27
        }
    }
}
