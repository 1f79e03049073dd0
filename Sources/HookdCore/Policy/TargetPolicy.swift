import Foundation

/// Decides which URLs, and which addresses, a webhook may be sent to.
///
/// Production (the default) allows only `https://` to public addresses. Loopback, private,
/// link-local (cloud metadata `169.254.169.254` among them), CGNAT, multicast, unspecified
/// and other special addresses are refused twice: when a webhook is saved, for literals in
/// any spelling (`check(_:)`), and before every attempt, for each address the host resolves
/// to (`refusal(of:)`). Operators who need internal targets name their ranges in
/// `allowedNetworks` (`--allow-target`); that lifts the address rule for those ranges only,
/// never the https rule. Development (`--allow-insecure-targets`) allows `http://` and every
/// address.
public struct TargetPolicy: Sendable, Equatable {
    /// Whether plain http and loopback or private targets are allowed.
    public var allowInsecureTargets: Bool
    /// Ranges webhooks may reach even though they are special-use (internal targets).
    public var allowedNetworks: [IPNetwork]

    /// The longest URL accepted.
    public static let maximumURLLength = 2048

    public init(allowInsecureTargets: Bool, allowedNetworks: [IPNetwork] = []) {
        self.allowInsecureTargets = allowInsecureTargets
        self.allowedNetworks = allowedNetworks
    }

    /// Checks `text` when a webhook is saved and returns it parsed; throws an
    /// `INVALID_ARGUMENT` error for field `url` saying exactly what is wrong.
    ///
    /// Host names other than `localhost` pass here: what they resolve to is checked at
    /// connect time, since DNS answers change.
    @discardableResult
    public func check(_ text: String) throws(HookdError) -> URL {
        func refuse(_ description: String) -> HookdError { .invalidField("url", description) }
        guard !text.isEmpty else { throw refuse("must not be empty") }
        // Foundation would percent-encode these and accept the URL; a raw CR/LF is a header
        // injection waiting for a client that does not.
        if let (offset, bad) = text.unicodeScalars.enumerated().first(where: { _, scalar in
            InvisibleCharacters.contains(scalar) || scalar.properties.generalCategory == .spaceSeparator
        }) {
            throw refuse(
                "must not contain spaces, line breaks, control or invisible characters "
                    + "(found \(InvisibleCharacters.codePoint(bad)) at character \(offset + 1)); percent-encode them")
        }
        guard text.utf8.count <= Self.maximumURLLength else {
            throw refuse("must be at most \(Self.maximumURLLength) characters")
        }
        guard let components = URLComponents(string: text), let url = URL(string: text),
            let scheme = components.scheme?.lowercased()
        else { throw refuse("\"\(text)\" is not a valid absolute URL") }
        guard scheme == "https" || scheme == "http" else {
            throw refuse("scheme \"\(scheme)\" is not supported; use https://")
        }
        guard let host = Self.connectionHost(of: url), !host.isEmpty else { throw refuse("\"\(text)\" has no host") }
        guard components.user == nil, components.password == nil else {
            throw refuse("must not contain credentials; send them with the webhook's headers instead")
        }
        if allowInsecureTargets { return url }
        guard scheme == "https" else {
            throw refuse(
                "plain http is refused; use https:// (start hookd with --allow-insecure-targets for development)")
        }
        guard !host.contains("%") else {
            throw refuse("\(host) carries an IPv6 zone id, which webhook URLs may not")
        }
        if let (special, address) = refusal(ofHost: host) {
            // Spell out what a numeric trick like 0x7f.1 stands for.
            let subject = address.map { $0.description == host.lowercased() ? host : "\(host) (\($0))" } ?? host
            throw refuse(
                "\(subject) is \(special.withArticle), which webhooks may not target "
                    + "(start hookd with --allow-target for internal ranges, --allow-insecure-targets for development)")
        }
        return url
    }

    /// Why an attempt may not connect to `address`, or `nil` when it may: the address's
    /// special-use class unless insecure targets are allowed or an allowed range holds it.
    public func refusal(of address: IPAddress) -> AddressClass? {
        guard !allowInsecureTargets, let special = address.specialUse else { return nil }
        return allowedNetworks.contains { $0.contains(address) } ? nil : special
    }

    /// The special-use class of `host` when it is `localhost` (which names loopback; it
    /// passes only when an allowed range holds 127.0.0.1 or ::1) or an IP literal in a
    /// refused range, with the literal's address; `nil` for permitted addresses and
    /// ordinary host names.
    private func refusal(ofHost host: String) -> (AddressClass, IPAddress?)? {
        var lowered = host.lowercased()
        // Trimming goes through NSString: skip it when there is nothing to trim.
        if lowered.hasPrefix(".") || lowered.hasSuffix(".") {
            lowered = lowered.trimmingCharacters(in: CharacterSet(charactersIn: "."))
        }
        if lowered == "localhost" || lowered.hasSuffix(".localhost") {
            let loopbacks = [IPAddress.v4(0x7F00_0001), IPAddress.v6(Array(repeating: 0, count: 15) + [1])]
            return loopbacks.contains { refusal(of: $0) == nil } ? nil : (.loopback, nil)
        }
        guard let address = IPAddress(literal: lowered), let special = refusal(of: address) else { return nil }
        return (special, address)
    }

    /// The host of `url` exactly as the HTTP client connects to it: `URL.host` (IDNA-mapped
    /// and percent-decoded by Foundation) without IPv6 brackets. Save-time and connect-time
    /// checks both start from this, so they judge what the client will dial.
    public static func connectionHost(of url: URL) -> String? {
        guard var host = url.host else { return nil }
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        return host
    }
}
