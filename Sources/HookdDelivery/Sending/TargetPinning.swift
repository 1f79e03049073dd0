import Foundation
import HookdCore

/// The connect-time half of the URL policy: resolves a webhook's host and checks every
/// address before an attempt may connect.
///
/// An attempt is refused when any address the name resolves to is forbidden, not only the
/// one it would use: a name that answers with both a public and an internal address is
/// either misconfigured or an attack, and the fallback between addresses must never be the
/// thing that decides. Otherwise the attempt may connect to the checked addresses only, in
/// the resolver's order of preference.
struct TargetPinning: Sendable {
    let policy: TargetPolicy
    let resolver: any HostResolver

    /// Where an attempt may go, or the failed attempt the check makes of it.
    enum Decision: Sendable, Equatable {
        /// Every address checked, in order; the attempt connects to the first that answers.
        case connect([PinnedTarget])
        case refuse(AttemptResult)
    }

    /// Decides for `host` (as `TargetPolicy.connectionHost` gives it), resolving it within
    /// `timeout` unless it is an IP literal.
    func decide(host: String, timeout: Interval) async -> Decision {
        let addresses: [IPAddress]
        if let literal = IPAddress(standardText: host) {
            addresses = [literal]
        } else {
            do {
                addresses = try await resolver.addresses(of: host, timeout: timeout)
            } catch {
                return .refuse(AttemptResult(.failure(.dns, message: error.description)))
            }
        }
        for address in addresses {
            guard let refusal = policy.refusal(of: address) else { continue }
            return .refuse(
                AttemptResult(
                    .failure(.forbiddenAddress, message: Self.message(host, addresses, address, refusal)),
                    resolvedAddress: address))
        }
        return .connect(addresses.map { PinnedTarget(host: host, address: $0) })
    }

    /// `api.example.com resolved to 10.0.0.5, a private (RFC 1918) address, which webhooks
    /// may not target (...)`.
    private static func message(
        _ host: String, _ addresses: [IPAddress], _ forbidden: IPAddress, _ refusal: AddressClass
    ) -> String {
        let subject: String
        if IPAddress(standardText: host) != nil {
            subject = "\(forbidden) is \(refusal.withArticle)"
        } else if addresses.count == 1 {
            subject = "\(host) resolved to \(forbidden), \(refusal.withArticle)"
        } else {
            let all = addresses.map(\.description).joined(separator: ", ")
            subject = "\(host) resolved to \(all); \(forbidden) is \(refusal.withArticle)"
        }
        return subject + ", which webhooks may not target (hookd --allow-target CIDR permits an internal range)"
    }
}
