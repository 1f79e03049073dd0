import HookdCore

/// A TCP address to listen on, written `HOST:PORT` (`127.0.0.1:9464`, `[::1]:9464`,
/// `0.0.0.0:9464`); port 0 takes any free port.
public struct ListenAddress: Sendable, Equatable, CustomStringConvertible {
    public var host: String
    public var port: Int

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// Reads `HOST:PORT`; throws a message naming what is wrong.
    public init(parsing text: String) throws(HookdError) {
        guard let colon = text.lastIndex(of: ":") else {
            throw .invalidField("address", "\"\(text)\" is not HOST:PORT (e.g. 127.0.0.1:9464)")
        }
        var host = String(text[..<colon])
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty else {
            throw .invalidField("address", "\"\(text)\" names no host: write 127.0.0.1:PORT to listen on this machine only")
        }
        guard let port = Int(text[text.index(after: colon)...]), (0...65535).contains(port) else {
            throw .invalidField("address", "\"\(text)\": the port must be a number from 0 to 65535")
        }
        self.init(host: host, port: port)
    }

    /// `HOST:PORT`, with an IPv6 host in brackets.
    public var description: String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }
}
