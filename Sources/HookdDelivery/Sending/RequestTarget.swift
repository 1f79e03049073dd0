import Foundation
import HookdCore

/// Where a webhook URL sends its request: scheme, host and port to connect to, the
/// request-target to write, and the `Host` header naming the host the URL names.
struct RequestTarget: Sendable, Equatable {
    var usesTLS: Bool
    /// `TargetPolicy.connectionHost`: what is resolved, checked, and sent as SNI.
    var host: String
    var port: Int
    /// The path and query, as written in the URL (`/hooks?v=2`); `/` when the URL has no path.
    var path: String
    /// `api.example.com`, `api.example.com:8443`, `[2001:db8::1]:8443`.
    var hostHeader: String

    /// Reads a URL the policy has accepted; `nil` when it has no host or an unknown scheme.
    init?(_ url: URL) {
        guard let host = TargetPolicy.connectionHost(of: url), !host.isEmpty else { return nil }
        switch url.scheme?.lowercased() {
        case "https": usesTLS = true
        case "http": usesTLS = false
        default: return nil
        }
        let defaultPort = usesTLS ? 443 : 80
        self.host = host
        port = url.port ?? defaultPort
        let encodedPath = url.path(percentEncoded: true)
        path = encodedPath.isEmpty ? "/" : encodedPath
        if let query = url.query(percentEncoded: true) { path += "?" + query }
        let bracketed = host.contains(":") ? "[\(host)]" : host
        hostHeader = port == defaultPort ? bracketed : "\(bracketed):\(port)"
    }
}
