import HookdCore

/// An address and port, written the way messages name a peer: `127.0.0.1:9000`, `[::1]:9000`.
struct SocketEndpoint: Hashable, Sendable, CustomStringConvertible {
    var address: IPAddress
    var port: Int

    var description: String {
        switch address {
        case .v4: "\(address):\(port)"
        case .v6: "[\(address)]:\(port)"
        }
    }
}
