import HookdCore
import HookdRPC

/// The message for a request over the daemon's frame limit, refused before it was sent: how
/// big it is, the limit, and what to do about it.
enum OversizedRequest {
    /// `the request is 25.3 MiB (…), more than the 4 MiB (…) hookd reads in one call; nothing
    /// was sent`, then how to raise the limit to a size that fits, and `advice` (what else the
    /// command allows: applying in parts, a smaller event).
    static func error(bytes: Int, limit: Int, advice: [String] = []) -> CLIError {
        let headline = RPCClientError.requestTooLarge(bytes: bytes, limit: limit).description
        let enough = suggestedLimit(for: bytes)
        var details = [
            "  hookd's limit is its --max-request-bytes: start it with --max-request-bytes \(enough) "
                + "(or `max-request-bytes: \(enough)` in its --config file) to take this request"
        ]
        if enough > RPCServer.frameLimitBounds.upperBound {
            details = ["  that is more than hookd takes at all (--max-request-bytes \(RPCServer.frameLimitBounds.upperBound) at most)"]
        }
        return CLIError(headline, details: details + advice.map { "  " + $0 })
    }

    /// The next whole MiB above `bytes` (doubling from 4 MiB), so the advice leaves some room.
    static func suggestedLimit(for bytes: Int) -> ByteSize {
        var limit = 4 << 20
        while limit < bytes && limit < Int.max / 2 { limit *= 2 }
        return ByteSize(bytes: limit)
    }
}
