import HookdCore

/// What one connection pool serves: a URL's scheme, host and port, pinned to the addresses
/// the policy checked for the host. Its connections go to those addresses and nowhere else,
/// while TLS sends the host as SNI and verifies the certificate for it.
///
/// The checked addresses are part of the identity, so that when DNS answers differently
/// (or the policy changes what it allows) attempts move to a fresh pool and the old one
/// idles out; their order is not, so a resolver that rotates its answers does not churn pools.
struct PinnedOrigin: Hashable, Sendable {
    /// Whether connections speak TLS (`https`).
    var usesTLS: Bool
    /// The URL's host as `TargetPolicy.connectionHost` gives it: SNI and the certificate's
    /// name (unless it is an IP literal).
    var host: String
    var port: Int
    /// Every address the host resolved to, each checked against the policy.
    var addresses: Set<IPAddress>
}
