import HookdCore
import HookdRPC

extension RPCClient {
    /// Asks the daemon for the longest request it reads in one call (`Daemon.Status`'s
    /// `maxRequestBytes`, set by `hookd --max-request-bytes`): the probe to give
    /// ``RPCClient/init(socketPath:maximumRequestBytes:requestLimitProbe:trustedListeners:eventLoopGroup:)``.
    /// `nil` from a daemon that does not say, which takes the default.
    public static let daemonRequestLimit: @Sendable (RPCClient) async throws -> Int? = { client in
        try await client.call(.daemonStatus, EmptyParams()).maxRequestBytes
    }
}
