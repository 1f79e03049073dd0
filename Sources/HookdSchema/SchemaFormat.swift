import Foundation
import HookdCore

/// The `format` values hookd checks. Unlike the specification's default, where `format` is
/// only an annotation, hookd asserts these; any other format is refused when compiling,
/// so a schema never appears to check what it does not.
///
/// - `date-time`: RFC 3339 `2026-11-29T02:45:12Z` (fraction optional, `Z` or `±HH:MM`)
/// - `date`: RFC 3339 full-date `2026-11-29`, a real calendar day
/// - `email`: a practical RFC 5321 check: `local@domain`, ASCII, a dot-atom or quoted local
///   part of at most 64 characters, a domain of DNS labels or a bracketed IP literal
/// - `uri`: an absolute RFC 3986 URI: a scheme, then only characters a URI may hold, with
///   well-formed percent escapes
/// - `uuid`: RFC 4122 text form, 8-4-4-4-12 hexadecimal digits
/// - `ipv4`: dotted quad, each part 0-255 without leading zeros
/// - `ipv6`: RFC 4291 text form, `::` compression and a trailing IPv4 allowed, no zone
enum SchemaFormat: String, Sendable, CaseIterable {
    case dateTime = "date-time"
    case date
    case email
    case uri
    case uuid
    case ipv4
    case ipv6

    /// What a matching string looks like, for messages.
    var expectation: String {
        switch self {
        case .dateTime: "an RFC 3339 date-time such as 2026-11-29T02:45:12Z"
        case .date: "an RFC 3339 date such as 2026-11-29"
        case .email: "an email address"
        case .uri: "an absolute URI such as https://example.com/path"
        case .uuid: "a UUID such as 123e4567-e89b-12d3-a456-426614174000"
        case .ipv4: "an IPv4 address such as 192.0.2.1"
        case .ipv6: "an IPv6 address such as 2001:db8::1"
        }
    }

    /// True when `text` is in this format.
    func accepts(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        switch self {
        case .dateTime: return Self.isDateTime(bytes)
        case .date: return Self.isDate(bytes[...])
        case .email: return Self.isEmail(bytes)
        case .uri: return Self.isURI(bytes)
        case .uuid: return Self.isUUID(bytes)
        case .ipv4: return Self.isIPv4(bytes[...])
        case .ipv6: return Self.isIPv6(text)
        }
    }

    // MARK: Dates

    private static func isDate(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard bytes.count == 10, bytes[bytes.startIndex + 4] == UInt8(ascii: "-"),
            bytes[bytes.startIndex + 7] == UInt8(ascii: "-"),
            let year = number(bytes, at: 0, digits: 4), let month = number(bytes, at: 5, digits: 2),
            let day = number(bytes, at: 8, digits: 2)
        else { return false }
        guard (1...12).contains(month), day >= 1 else { return false }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        return day <= days
    }

    private static func isDateTime(_ bytes: [UInt8]) -> Bool {
        guard bytes.count >= 20, isDate(bytes[0..<10]), [UInt8(ascii: "T"), UInt8(ascii: "t")].contains(bytes[10])
        else { return false }
        let time = bytes[11...]
        guard time.count >= 9, time[13] == UInt8(ascii: ":"), time[16] == UInt8(ascii: ":"),
            let hour = number(time, at: 0, digits: 2), let minute = number(time, at: 3, digits: 2),
            let second = number(time, at: 6, digits: 2), hour <= 23, minute <= 59, second <= 60
        else { return false }
        var index = 19
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            let digitsStart = index
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
            guard index > digitsStart else { return false }
        }
        let offset = bytes[index...]
        if offset.count == 1 { return offset.first == UInt8(ascii: "Z") || offset.first == UInt8(ascii: "z") }
        guard offset.count == 6, [UInt8(ascii: "+"), UInt8(ascii: "-")].contains(offset[index]),
            offset[index + 3] == UInt8(ascii: ":"),
            let hours = number(offset, at: 1, digits: 2), let minutes = number(offset, at: 4, digits: 2)
        else { return false }
        return hours <= 23 && minutes <= 59
    }

    /// The decimal number in `digits` ASCII digits at `offset` from the slice's start.
    private static func number(_ bytes: ArraySlice<UInt8>, at offset: Int, digits: Int) -> Int? {
        let start = bytes.startIndex + offset
        guard start + digits <= bytes.endIndex else { return nil }
        var value = 0
        for byte in bytes[start..<start + digits] {
            guard isDigit(byte) else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }

    private static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }
    private static func isHex(_ byte: UInt8) -> Bool {
        isDigit(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte | 0x20)
    }
    private static func isLetter(_ byte: UInt8) -> Bool { (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20) }

    // MARK: Identifiers and addresses

    private static func isUUID(_ bytes: [UInt8]) -> Bool {
        guard bytes.count == 36 else { return false }
        return bytes.indices.allSatisfy { [8, 13, 18, 23].contains($0) ? bytes[$0] == UInt8(ascii: "-") : isHex(bytes[$0]) }
    }

    private static func isIPv4(_ bytes: ArraySlice<UInt8>) -> Bool {
        let parts = bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        return parts.count == 4
            && parts.allSatisfy { part in
                guard (1...3).contains(part.count), part.allSatisfy(isDigit) else { return false }
                guard part.count == 1 || part.first != UInt8(ascii: "0") else { return false }
                return Int(String(decoding: part, as: UTF8.self))! <= 255
            }
    }

    private static func isIPv6(_ text: String) -> Bool {
        guard text.utf8.allSatisfy({ isHex($0) || $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: ".") }) else {
            return false
        }
        var storage = in6_addr()
        return inet_pton(AF_INET6, text, &storage) == 1
    }

    // MARK: Email

    /// RFC 5322 `atext`: the characters a dot-atom local part may hold besides dots.
    private static let atomSymbols = Set("!#$%&'*+-/=?^_`{|}~".utf8)

    private static func isEmail(_ bytes: [UInt8]) -> Bool {
        guard let at = bytes.lastIndex(of: UInt8(ascii: "@")) else { return false }
        let local = bytes[..<at]
        let domain = bytes[(at + 1)...]
        return isLocalPart(local) && isMailDomain(domain)
    }

    private static func isLocalPart(_ local: ArraySlice<UInt8>) -> Bool {
        guard (1...64).contains(local.count) else { return false }
        if local.count >= 2, local.first == UInt8(ascii: "\""), local.last == UInt8(ascii: "\"") {
            var escaped = false
            for byte in local.dropFirst().dropLast() {
                guard (32...126).contains(byte) else { return false }
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { return false }
            }
            return !escaped
        }
        let atoms = local.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        return atoms.allSatisfy { atom in
            !atom.isEmpty && atom.allSatisfy { isDigit($0) || isLetter($0) || atomSymbols.contains($0) }
        }
    }

    private static func isMailDomain(_ domain: ArraySlice<UInt8>) -> Bool {
        if domain.first == UInt8(ascii: "["), domain.last == UInt8(ascii: "]") {
            let literal = domain.dropFirst().dropLast()
            let ipv6Prefix = Array("IPv6:".utf8)
            if literal.starts(with: ipv6Prefix) {
                return isIPv6(String(decoding: literal.dropFirst(ipv6Prefix.count), as: UTF8.self))
            }
            return isIPv4(literal)
        }
        return isHostname(domain)
    }

    private static func isHostname(_ host: ArraySlice<UInt8>) -> Bool {
        guard (1...253).contains(host.count) else { return false }
        return host.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false).allSatisfy { label in
            (1...63).contains(label.count) && label.first != UInt8(ascii: "-") && label.last != UInt8(ascii: "-")
                && label.allSatisfy { isDigit($0) || isLetter($0) || $0 == UInt8(ascii: "-") }
        }
    }

    // MARK: URI

    /// RFC 3986 `unreserved` and `reserved` characters besides letters and digits.
    private static let uriSymbols = Set("-._~:/?#[]@!$&'()*+,;=".utf8)

    private static func isURI(_ bytes: [UInt8]) -> Bool {
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")), colon > 0, isLetter(bytes[0]),
            bytes[1..<colon].allSatisfy({ isLetter($0) || isDigit($0) || [43, 45, 46].contains($0) })
        else { return false }
        var index = colon + 1
        var fragments = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%") {
                guard index + 2 < bytes.count, isHex(bytes[index + 1]), isHex(bytes[index + 2]) else { return false }
                index += 3
                continue
            }
            guard isLetter(byte) || isDigit(byte) || uriSymbols.contains(byte) else { return false }
            if byte == UInt8(ascii: "#") { fragments += 1 }
            index += 1
        }
        guard fragments <= 1 else { return false }
        return bracketsOnlyAroundHost(bytes[(colon + 1)...])
    }

    /// `[` and `]` may only enclose an IP literal host right after `//` (and the userinfo).
    private static func bracketsOnlyAroundHost(_ rest: ArraySlice<UInt8>) -> Bool {
        guard rest.contains(UInt8(ascii: "[")) || rest.contains(UInt8(ascii: "]")) else { return true }
        guard rest.starts(with: [UInt8(ascii: "/"), UInt8(ascii: "/")]) else { return false }
        let authority = rest.dropFirst(2).prefix { ![UInt8(ascii: "/"), UInt8(ascii: "?"), UInt8(ascii: "#")].contains($0) }
        let afterAuthority = rest[authority.endIndex...]
        guard !afterAuthority.contains(UInt8(ascii: "[")), !afterAuthority.contains(UInt8(ascii: "]")) else { return false }
        let host = authority.split(separator: UInt8(ascii: "@"), maxSplits: 1, omittingEmptySubsequences: false).last ?? authority
        guard host.first == UInt8(ascii: "["), let close = host.firstIndex(of: UInt8(ascii: "]")) else { return false }
        let afterHost = host[(close + 1)...]
        guard afterHost.isEmpty || (afterHost.first == UInt8(ascii: ":") && afterHost.dropFirst().allSatisfy(isDigit)) else {
            return false
        }
        let literal = host[(host.startIndex + 1)..<close]
        return literal.first == UInt8(ascii: "v") || literal.first == UInt8(ascii: "V")
            || isIPv6(String(decoding: literal, as: UTF8.self))
    }
}
