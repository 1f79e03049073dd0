/// A range of IP addresses in CIDR notation (`10.0.0.0/8`, `fd00::/8`): what an operator
/// names with `--allow-target` to let webhooks reach internal addresses.
public struct IPNetwork: Sendable, Hashable, CustomStringConvertible {
    /// The first address of the range (host bits are zero).
    public let address: IPAddress
    /// How many leading bits every address of the range shares with `address`.
    public let prefixLength: Int

    /// Parses `ADDRESS/PREFIX` with a standard dotted-quad or IPv6 address; a bare address
    /// is the range of that one address. Host bits must be zero (`10.0.0.1/8` is refused,
    /// naming `10.0.0.0/8`), so a typo cannot silently widen or shift the range.
    public init(cidr text: String) throws(IPNetworkError) {
        let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        guard let address = IPAddress(standardText: parts[0]) else {
            throw IPNetworkError(text, "\"\(parts[0])\" is not an IPv4 or IPv6 address")
        }
        let width = address.bytes.count * 8
        var prefixLength = width
        if parts.count == 2 {
            guard !parts[1].isEmpty, parts[1].allSatisfy(\.isASCII), parts[1].allSatisfy(\.isNumber),
                let length = Int(parts[1]), length <= width
            else {
                throw IPNetworkError(text, "the prefix length must be a number from 0 to \(width)")
            }
            prefixLength = length
        }
        let network = Self.masked(address, prefixLength: prefixLength)
        guard network == address else {
            throw IPNetworkError(
                text, "host bits are set; the network is \(network)/\(prefixLength)")
        }
        self.address = address
        self.prefixLength = prefixLength
    }

    /// Whether `candidate` lies in the range. An IPv6 address that embeds an IPv4 address
    /// (IPv4-mapped, 6to4, NAT64, ...) lies in an IPv4 range when its embedded address does,
    /// just as the policy classifies it by that address.
    public func contains(_ candidate: IPAddress) -> Bool {
        switch (address, candidate) {
        case (.v4, .v4), (.v6, .v6):
            return Self.masked(candidate, prefixLength: prefixLength) == address
        case (.v4, .v6):
            return candidate.embeddedIPv4.map { contains(.v4($0)) } ?? false
        case (.v6, .v4):
            return false
        }
    }

    /// `10.0.0.0/8`, `fd00::/8`.
    public var description: String { "\(address)/\(prefixLength)" }

    private static func masked(_ address: IPAddress, prefixLength: Int) -> IPAddress {
        switch address {
        case .v4(let value):
            let mask: UInt32 = prefixLength == 0 ? 0 : ~UInt32(0) << (32 - prefixLength)
            return .v4(value & mask)
        case .v6(let bytes):
            let kept = bytes.enumerated().map { index, byte -> UInt8 in
                let bits = min(max(prefixLength - index * 8, 0), 8)
                return bits == 0 ? 0 : byte & ~(UInt8(0xFF) >> bits)
            }
            return .v6(kept)
        }
    }
}

/// Why a CIDR range could not be read.
public struct IPNetworkError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The text as given.
    public var text: String
    /// What is wrong with it.
    public var problem: String

    public init(_ text: String, _ problem: String) {
        self.text = text
        self.problem = problem
    }

    /// `"10.0.0.1/8" is not a valid CIDR range: host bits are set; ...`.
    public var description: String { "\"\(text)\" is not a valid CIDR range: \(problem)" }
}
