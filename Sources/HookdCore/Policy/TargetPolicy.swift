import Foundation

/// Decides which URLs a webhook may point at.
///
/// Production (the default) allows only `https://` to public hosts: loopback, private,
/// link-local, CGNAT, multicast, unspecified and other special addresses are refused when
/// written as literals (in any numeric form) or as `localhost`. Development
/// (`--allow-insecure-targets`) also allows `http://` and those addresses.
public struct TargetPolicy: Sendable, Equatable {
    /// Whether plain http and loopback or private targets are allowed.
    public var allowInsecureTargets: Bool

    /// The longest URL accepted.
    public static let maximumURLLength = 2048

    public init(allowInsecureTargets: Bool) {
        self.allowInsecureTargets = allowInsecureTargets
    }

    /// Checks `text` and returns it parsed; throws an `INVALID_ARGUMENT` error for field
    /// `url` saying exactly what is wrong.
    @discardableResult
    public func check(_ text: String) throws(HookdError) -> URL {
        func refuse(_ description: String) -> HookdError { .invalidField("url", description) }
        guard !text.isEmpty else { throw refuse("must not be empty") }
        guard text.utf8.count <= Self.maximumURLLength else {
            throw refuse("must be at most \(Self.maximumURLLength) characters")
        }
        guard let components = URLComponents(string: text), let url = components.url,
            let scheme = components.scheme?.lowercased()
        else { throw refuse("\"\(text)\" is not a valid absolute URL") }
        guard scheme == "https" || scheme == "http" else {
            throw refuse("scheme \"\(scheme)\" is not supported; use https://")
        }
        guard let host = components.host, !host.isEmpty else { throw refuse("\"\(text)\" has no host") }
        guard components.user == nil, components.password == nil else {
            throw refuse("must not contain credentials; send them with the webhook's headers instead")
        }
        if allowInsecureTargets { return url }
        guard scheme == "https" else {
            throw refuse(
                "plain http is refused; use https:// (start hookd with --allow-insecure-targets for development)")
        }
        if let special = Self.specialUse(host: host) {
            throw refuse(
                "\(host) is a \(special.rawValue) address, which webhooks may not target "
                    + "(start hookd with --allow-insecure-targets for development)")
        }
        return url
    }

    /// The special-use class of `host` when it is `localhost` or an IP literal in a
    /// reserved range; `nil` for public addresses and ordinary host names.
    public static func specialUse(host: String) -> AddressClass? {
        let lowered = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]."))
        if lowered == "localhost" || lowered.hasSuffix(".localhost") { return .loopback }
        guard let address = IPAddress(literal: lowered) else { return nil }
        return address.specialUse
    }
}

/// The special-use ranges hookd refuses as webhook targets.
public enum AddressClass: String, Sendable, Equatable {
    case loopback
    case unspecified
    case `private` = "private (RFC 1918)"
    case linkLocal = "link-local"
    case sharedAddressSpace = "carrier-grade NAT (RFC 6598)"
    case multicast
    case reserved
    case uniqueLocal = "unique-local (IPv6)"
}
