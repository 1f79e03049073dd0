import HookdCore
import NIOSSL

/// How `WebhookSender` connects: timeouts, pooling, DNS caching and the CAs it trusts.
public struct SenderConfiguration: Sendable {
    /// How long opening a connection (every address raced, TLS included) may take; the
    /// webhook's own timeout still bounds the attempt as a whole.
    public var connectTimeout: Interval
    /// How long a kept-alive connection may stay unused before it is closed.
    public var idleTimeout: Interval
    /// The most connections open at once to one target (host, port and checked addresses).
    public var maximumConnectionsPerTarget: Int
    /// How long a host's addresses are reused before it is looked up again (`getaddrinfo`
    /// reports no TTL); the policy checks them on every use all the same.
    public var addressCacheTTL: Interval
    /// How long one address may try to connect alone before the next checked address joins
    /// the race (happy eyeballs, RFC 8305 recommends 250 ms).
    public var connectionAttemptDelay: Interval
    /// CA certificates trusted besides the system's, read from `--trust-ca` files.
    var trustedCertificates: [NIOSSLCertificate] = []

    /// Settings trusting the system's CAs only.
    public init(
        connectTimeout: Interval = .seconds(5), idleTimeout: Interval = .seconds(60),
        maximumConnectionsPerTarget: Int = 32, addressCacheTTL: Interval = .seconds(30),
        connectionAttemptDelay: Interval = Interval(milliseconds: 250)
    ) {
        precondition(maximumConnectionsPerTarget > 0, "a target needs room for one connection")
        self.connectTimeout = connectTimeout
        self.idleTimeout = idleTimeout
        self.maximumConnectionsPerTarget = maximumConnectionsPerTarget
        self.addressCacheTTL = addressCacheTTL
        self.connectionAttemptDelay = connectionAttemptDelay
    }

    /// The same settings, also trusting the CA certificates in `trustedCAFiles` (PEM): for
    /// internal targets whose certificates a private CA signed. Throws naming the first file
    /// that cannot be read or holds no certificate.
    public init(
        trustedCAFiles: [String], connectTimeout: Interval = .seconds(5), idleTimeout: Interval = .seconds(60),
        maximumConnectionsPerTarget: Int = 32, addressCacheTTL: Interval = .seconds(30),
        connectionAttemptDelay: Interval = Interval(milliseconds: 250)
    ) throws(TrustedCAError) {
        self.init(
            connectTimeout: connectTimeout, idleTimeout: idleTimeout,
            maximumConnectionsPerTarget: maximumConnectionsPerTarget, addressCacheTTL: addressCacheTTL,
            connectionAttemptDelay: connectionAttemptDelay)
        trustedCertificates = try TrustedCAError.certificates(in: trustedCAFiles)
    }

    /// The client TLS settings: system trust roots plus the trusted CAs, full verification
    /// of the certificate chain and of the host name.
    var tlsConfiguration: TLSConfiguration {
        var tls = TLSConfiguration.makeClientConfiguration()
        if !trustedCertificates.isEmpty { tls.additionalTrustRoots = [.certificates(trustedCertificates)] }
        return tls
    }
}
