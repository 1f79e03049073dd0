import Foundation

/// An IPv4 or IPv6 address, parsed from text the way the system resolver would read it.
public enum IPAddress: Sendable, Hashable, CustomStringConvertible {
    case v4(UInt32)
    case v6([UInt8])

    /// Parses an IP literal. IPv4 accepts every form `inet_aton` does (decimal `2130706433`,
    /// octal `0177.0.0.1`, hex `0x7f.1`), because that is what a resolver would connect to.
    public init?(literal text: String) {
        if text.contains(":") {
            var storage = in6_addr()
            guard inet_pton(AF_INET6, text, &storage) == 1 else { return nil }
            self = .v6(withUnsafeBytes(of: &storage) { Array($0) })
            return
        }
        guard let first = text.unicodeScalars.first, ("0"..."9").contains(first) else { return nil }
        var storage = in_addr()
        guard inet_aton(text, &storage) != 0 else { return nil }
        self = .v4(UInt32(bigEndian: storage.s_addr))
    }

    /// The special-use range the address falls in, or `nil` for a public address.
    ///
    /// IPv6 forms that embed an IPv4 address (IPv4-mapped `::ffff:0:0/96`, IPv4-compatible
    /// `::/96`, 6to4 `2002::/16`, NAT64 `64:ff9b::/96`) are judged by the embedded address.
    public var specialUse: AddressClass? {
        switch self {
        case .v4(let value): return Self.classifyV4(value)
        case .v6(let bytes): return Self.classifyV6(bytes)
        }
    }

    private static func classifyV4(_ value: UInt32) -> AddressClass? {
        func inRange(_ base: UInt32, _ prefix: UInt32) -> Bool {
            let mask: UInt32 = prefix == 0 ? 0 : ~UInt32(0) << (32 - prefix)
            return value & mask == base & mask
        }
        if inRange(0x7F00_0000, 8) { return .loopback }
        if inRange(0x0000_0000, 8) { return .unspecified }
        if inRange(0x0A00_0000, 8) || inRange(0xAC10_0000, 12) || inRange(0xC0A8_0000, 16) { return .private }
        if inRange(0xA9FE_0000, 16) { return .linkLocal }
        if inRange(0x6440_0000, 10) { return .sharedAddressSpace }
        if inRange(0xE000_0000, 4) { return .multicast }
        if inRange(0xF000_0000, 4) || inRange(0xC000_0000, 24) || inRange(0xC000_0200, 24)
            || inRange(0xC612_0000, 15) || inRange(0xC633_6400, 24) || inRange(0xCB00_7100, 24)
        {
            return .reserved
        }
        return nil
    }

    private static func classifyV6(_ bytes: [UInt8]) -> AddressClass? {
        func embeddedV4(at offset: Int) -> UInt32 {
            bytes[offset..<offset + 4].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        }
        let firstTen = bytes[0..<10].allSatisfy { $0 == 0 }
        if bytes.allSatisfy({ $0 == 0 }) { return .unspecified }
        if firstTen && bytes[10] == 0 && bytes[11] == 0 && bytes[12..<15].allSatisfy({ $0 == 0 }) && bytes[15] == 1 {
            return .loopback
        }
        if firstTen && bytes[10] == 0xFF && bytes[11] == 0xFF { return classifyV4(embeddedV4(at: 12)) }
        if firstTen && bytes[10] == 0 && bytes[11] == 0 { return classifyV4(embeddedV4(at: 12)) ?? .reserved }
        if bytes[0] == 0x20 && bytes[1] == 0x02 { return classifyV4(embeddedV4(at: 2)) }
        if bytes[0..<4] == [0x00, 0x64, 0xFF, 0x9B] && bytes[4..<12].allSatisfy({ $0 == 0 }) {
            return classifyV4(embeddedV4(at: 12))
        }
        if bytes[0] & 0xFE == 0xFC { return .uniqueLocal }
        if bytes[0] == 0xFE && bytes[1] & 0xC0 == 0x80 { return .linkLocal }
        if bytes[0] == 0xFF { return .multicast }
        if bytes[0] == 0x20 && bytes[1] == 0x01 && bytes[2] == 0x0D && bytes[3] == 0xB8 { return .reserved }
        return nil
    }

    public var description: String {
        switch self {
        case .v4(let value):
            return (0..<4).map { String(value >> (8 * (3 - $0)) & 0xFF) }.joined(separator: ".")
        case .v6(var bytes):
            var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
            _ = inet_ntop(AF_INET6, &bytes, &text, socklen_t(text.count))
            return String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
    }
}
