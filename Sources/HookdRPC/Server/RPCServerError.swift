/// Why the socket server could not start, in words an operator can act on.
public struct RPCServerError: Error, CustomStringConvertible, Equatable {
    /// The kind of failure, for code that reacts to it (tests, the daemon's exit status).
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Kind: Hashable, Sendable {
            case socketInUse, notASocket, directoryMissing, pathTooLong, bindFailed
        }

        private let kind: Kind

        /// A live server already answers on the path.
        public static let socketInUse = Code(kind: .socketInUse)
        /// Something other than a socket is at the path.
        public static let notASocket = Code(kind: .notASocket)
        /// The socket's directory does not exist.
        public static let directoryMissing = Code(kind: .directoryMissing)
        /// The path does not fit in a Unix socket address.
        public static let pathTooLong = Code(kind: .pathTooLong)
        /// The system refused to create or listen on the socket.
        public static let bindFailed = Code(kind: .bindFailed)

        /// The code's name.
        public var description: String { "\(kind)" }
    }

    /// The kind of failure.
    public let code: Code
    /// The socket path the server was asked to use.
    public let path: String
    /// The message for the operator.
    public let description: String

    private init(_ code: Code, path: String, _ description: String) {
        self.code = code
        self.path = path
        self.description = description
    }

    /// Another daemon answers on `path`; hookd never takes over a live socket.
    public static func socketInUse(_ path: String) -> RPCServerError {
        RPCServerError(.socketInUse, path: path, "another hookd is already listening on \(path)")
    }

    /// `path` exists but is not a socket, so it is not a leftover of ours to replace.
    public static func notASocket(_ path: String) -> RPCServerError {
        RPCServerError(.notASocket, path: path, "\(path) exists and is not a socket; hookd will not replace it")
    }

    /// The directory that should hold the socket is missing.
    public static func directoryMissing(_ path: String, directory: String) -> RPCServerError {
        RPCServerError(
            .directoryMissing, path: path, "cannot create socket \(path): directory \(directory) does not exist")
    }

    /// Unix socket addresses hold at most 107 bytes of path.
    public static func pathTooLong(_ path: String) -> RPCServerError {
        RPCServerError(
            .pathTooLong, path: path,
            "socket path is \(path.utf8.count) bytes, longer than the 107 a Unix socket allows: \(path)")
    }

    /// The system refused; `reason` says why (e.g. "Permission denied").
    public static func bindFailed(_ path: String, reason: String) -> RPCServerError {
        RPCServerError(.bindFailed, path: path, "cannot listen on \(path): \(reason)")
    }
}
