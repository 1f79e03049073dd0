/// The special-use ranges hookd refuses as webhook targets (IANA's special-purpose address
/// registries, plus everything outside IPv6 global unicast `2000::/3`).
public enum AddressClass: String, Sendable, Equatable, CaseIterable {
    case loopback
    case unspecified
    case `private` = "private (RFC 1918)"
    case linkLocal = "link-local"
    case sharedAddressSpace = "carrier-grade NAT (RFC 6598)"
    case multicast
    case reserved
    case uniqueLocal = "unique-local (IPv6)"
    case siteLocal = "site-local (IPv6)"

    /// The class with its article, for messages: `a loopback address`, `an unspecified address`.
    public var withArticle: String {
        "\(self == .unspecified ? "an" : "a") \(rawValue) address"
    }
}

extension IPAddress {
    /// The special-use range the address falls in, or `nil` for a public address.
    ///
    /// IPv6 forms that embed an IPv4 address (`embeddedIPv4`) are judged by the embedded
    /// address; the deprecated IPv4-compatible and IPv4-translated forms count as reserved
    /// even around a public one, since nothing routes them as such.
    public var specialUse: AddressClass? {
        switch self {
        case .v4(let value): return Self.classifyV4(value)
        case .v6(let bytes): return classifyV6(bytes)
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
        // 240/4 (with broadcast), IETF protocol assignments, TEST-NETs, the deprecated 6to4
        // relay anycast and benchmarking.
        if inRange(0xF000_0000, 4) || inRange(0xC000_0000, 24) || inRange(0xC000_0200, 24)
            || inRange(0xC058_6300, 24) || inRange(0xC612_0000, 15) || inRange(0xC633_6400, 24)
            || inRange(0xCB00_7100, 24)
        {
            return .reserved
        }
        return nil
    }

    private func classifyV6(_ bytes: [UInt8]) -> AddressClass? {
        let zeros = { (range: Range<Int>) in bytes[range].allSatisfy { $0 == 0 } }
        if zeros(0..<16) { return .unspecified }
        if zeros(0..<15) && bytes[15] == 1 { return .loopback }
        if let embedded = embeddedIPv4 {
            if let special = Self.classifyV4(embedded) { return special }
            let compatible = zeros(0..<12)
            let translated = zeros(0..<8) && bytes[8] == 0xFF && bytes[9] == 0xFF
            return compatible || translated ? .reserved : nil
        }
        func inRange(_ prefix: [UInt8], bits: Int) -> Bool {
            for bit in 0..<bits {
                let mask = UInt8(0x80) >> (bit % 8)
                if bytes[bit / 8] & mask != prefix[bit / 8] & mask { return false }
            }
            return true
        }
        if inRange([0xFC], bits: 7) { return .uniqueLocal }
        if inRange([0xFE, 0x80], bits: 10) { return .linkLocal }
        if inRange([0xFE, 0xC0], bits: 10) { return .siteLocal }
        if bytes[0] == 0xFF { return .multicast }
        // Only global unicast is a target, and within it not the IETF protocol assignments
        // (Teredo, benchmarking, ORCHID: 2001::/23) nor documentation (2001:db8::/32, 3fff::/20).
        // Outside it: discard-only 100::/64, local-use NAT64 64:ff9b:1::/48, the rest unassigned.
        if !inRange([0x20], bits: 3) || inRange([0x20, 0x01, 0x00], bits: 23)
            || inRange([0x20, 0x01, 0x0D, 0xB8], bits: 32) || inRange([0x3F, 0xFF, 0x00], bits: 20)
        {
            return .reserved
        }
        return nil
    }
}
