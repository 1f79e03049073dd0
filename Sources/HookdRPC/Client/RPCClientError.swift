/// Why a call did not get an answer from the daemon.
public enum RPCClientError: Error, CustomStringConvertible {
    /// Nothing listens on the socket: the file is missing or the connection was refused.
    case daemonNotRunning(socketPath: String)
    /// The daemon closed the connection before answering.
    case connectionClosed
    /// The daemon's answer could not be read; the text says how it was wrong.
    case malformedResponse(String)

    /// One line for the person running `hookctl`.
    public var description: String {
        switch self {
        case .daemonNotRunning(let socketPath):
            "hookd is not running (nothing is listening on \(socketPath))"
        case .connectionClosed:
            "hookd closed the connection before answering"
        case .malformedResponse(let detail):
            "malformed response from hookd: \(detail)"
        }
    }
}
