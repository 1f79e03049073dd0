import Foundation

/// An IPv4 or IPv6 address, parsed from text the way the system resolver would read it.
public enum IPAddress: Sendable, Hashable, CustomStringConvertible {
    case v4(UInt32)
    /// Sixteen bytes in network order.
    case v6([UInt8])

    /// Parses an IP literal. IPv4 accepts every form `inet_aton` does (decimal `2130706433`,
    /// octal `0177.0.0.1`, hex `0x7f.1`, short `127.1`), because that is what a resolver
    /// would connect to; IPv6 takes the standard text forms (no zone id).
    public init?(literal text: String) {
        if text.contains(":") {
            self.init(standardText: text)
            return
        }
        guard let first = text.unicodeScalars.first, ("0"..."9").contains(first) else { return nil }
        var storage = in_addr()
        guard inet_aton(text, &storage) != 0 else { return nil }
        self = .v4(UInt32(bigEndian: storage.s_addr))
    }

    /// Parses only the standard forms (`inet_pton`): dotted-quad IPv4 and IPv6 text, as
    /// CIDR notation and the HTTP client expect them.
    public init?(standardText text: String) {
        if text.contains(":") {
            var storage = in6_addr()
            guard inet_pton(AF_INET6, text, &storage) == 1 else { return nil }
            self = .v6(withUnsafeBytes(of: &storage) { Array($0) })
        } else {
            var storage = in_addr()
            guard inet_pton(AF_INET, text, &storage) == 1 else { return nil }
            self = .v4(UInt32(bigEndian: storage.s_addr))
        }
    }

    /// The address's bits, most significant first: 4 bytes for IPv4, 16 for IPv6.
    public var bytes: [UInt8] {
        switch self {
        case .v4(let value): (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * (3 - $0))) }
        case .v6(let bytes): bytes
        }
    }

    /// The IPv4 address an IPv6 address stands for, for the forms that carry one:
    /// IPv4-mapped `::ffff:0:0/96`, IPv4-translated `::ffff:0:0:0/96`, IPv4-compatible
    /// `::/96`, 6to4 `2002::/16` and NAT64 `64:ff9b::/96`. Traffic to such an address
    /// reaches (or is meant to reach) the IPv4 address, so policy judges it by that.
    public var embeddedIPv4: UInt32? {
        guard case .v6(let bytes) = self else { return nil }
        func word(at offset: Int) -> UInt32 {
            bytes[offset..<offset + 4].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        }
        let zeros = { (range: Range<Int>) in bytes[range].allSatisfy { $0 == 0 } }
        if zeros(0..<10) && bytes[10] == 0xFF && bytes[11] == 0xFF { return word(at: 12) }
        if zeros(0..<8) && bytes[8] == 0xFF && bytes[9] == 0xFF && zeros(10..<12) { return word(at: 12) }
        // ::/96 minus :: and ::1, which are addresses of their own.
        if zeros(0..<12) && word(at: 12) > 1 { return word(at: 12) }
        if bytes[0] == 0x20 && bytes[1] == 0x02 { return word(at: 2) }
        if bytes[0..<4] == [0x00, 0x64, 0xFF, 0x9B] && zeros(4..<12) { return word(at: 12) }
        return nil
    }

    /// The conventional text form: dotted quad, or RFC 5952 IPv6 (`::1`, `::ffff:127.0.0.1`).
    public var description: String {
        switch self {
        case .v4(let value):
            // Written digit by digit: every attempt records the address it reached.
            var text: [UInt8] = []
            text.reserveCapacity(15)
            for shift in stride(from: 24, through: 0, by: -8) {
                let octet = Int(value >> UInt32(shift) & 0xFF)
                if shift != 24 { text.append(UInt8(ascii: ".")) }
                if octet >= 100 { text.append(UInt8(ascii: "0") + UInt8(octet / 100)) }
                if octet >= 10 { text.append(UInt8(ascii: "0") + UInt8(octet / 10 % 10)) }
                text.append(UInt8(ascii: "0") + UInt8(octet % 10))
            }
            return String(decoding: text, as: UTF8.self)
        case .v6(var bytes):
            var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
            _ = inet_ntop(AF_INET6, &bytes, &text, socklen_t(text.count))
            return String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
    }
}
