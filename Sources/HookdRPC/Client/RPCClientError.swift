import HookdCore

/// Why a call did not get an answer from the daemon.
public enum RPCClientError: Error, CustomStringConvertible {
    /// Nothing listens on the socket: the file is missing or the connection was refused.
    case daemonNotRunning(socketPath: String)
    /// The daemon closed the connection before answering.
    case connectionClosed
    /// The daemon's answer could not be read; the text says how it was wrong.
    case malformedResponse(String)
    /// The request, `bytes` long as sent, is over the `limit` the daemon takes in one line;
    /// it was not sent.
    case requestTooLarge(bytes: Int, limit: Int)
    /// The process listening on the socket runs as `uid`, a user the client was not told
    /// to trust; nothing was sent.
    case untrustedListener(socketPath: String, uid: UInt32)

    /// One line for the person running `hookctl`.
    public var description: String {
        switch self {
        case .daemonNotRunning(let socketPath):
            "hookd is not running (nothing is listening on \(socketPath))"
        case .connectionClosed:
            "hookd closed the connection before answering"
        case .malformedResponse(let detail):
            "malformed response from hookd: \(detail)"
        case .requestTooLarge(let bytes, let limit):
            "the request is \(ByteSize(bytes: bytes).spelledOut), more than the "
                + "\(ByteSize(bytes: limit).spelledOut) hookd reads in one call; nothing was sent"
        case .untrustedListener(let socketPath, let uid):
            "refusing to talk to the process listening on \(socketPath): it runs as uid \(uid), "
                + "not as you or root, and would receive what is sent, secrets included; nothing was sent"
                + " (if hookd runs as that user, say so with --socket-owner \(uid))"
        }
    }
}
