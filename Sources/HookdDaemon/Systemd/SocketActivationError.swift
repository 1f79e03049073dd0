/// The socket systemd passed cannot be served.
public struct SocketActivationError: Error, Sendable, CustomStringConvertible {
    public var description: String

    init(_ description: String) {
        self.description = description
    }
}
