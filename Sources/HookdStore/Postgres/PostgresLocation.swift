import Foundation

/// Where a PostgreSQL database is and how to reach it, read from a `postgres://` URL
/// (`hookd --database`).
///
/// Accepted: `postgres://` or `postgresql://`, `USER[:PASSWORD]@`, a host name or address
/// with an optional port (default 5432, also `?port=`), or `?host=/DIR` for a Unix socket in
/// `DIR` (the socket file `DIR/.s.PGSQL.PORT`, as libpq finds it), the database as the path (default:
/// the user's name), and `sslmode=disable|prefer|require`. Without a user, the user running
/// hookd is assumed, as `psql` does. Anything else is refused with the reason.
public struct PostgresLocation: Sendable, Equatable {
    /// How the server is reached.
    public enum Endpoint: Sendable, Equatable {
        /// A host name or address, and a port.
        case tcp(host: String, port: Int)
        /// The path of the socket file itself.
        case unixSocket(path: String)
    }

    /// Whether the connection is encrypted.
    public enum TLSMode: String, Sendable, Equatable {
        /// `disable`: never; `prefer`: when the server offers it; `require`: or fail.
        case disable, prefer, require
    }

    /// The server's host and port, or its Unix socket.
    public var endpoint: Endpoint
    /// The role hookd logs in as.
    public var username: String
    /// The password, if the URL has one (never shown: see `redacted`).
    public var password: String?
    /// The database's name.
    public var database: String
    /// Whether TLS is off, tried, or required (`sslmode`).
    public var tls: TLSMode

    /// Reads `url`; throws `PostgresLocationError` saying what is wrong with it.
    public init(url text: String) throws(PostgresLocationError) {
        guard let components = URLComponents(string: text) else {
            throw PostgresLocationError(url: text, "it is not a URL")
        }
        guard let scheme = components.scheme?.lowercased(), ["postgres", "postgresql"].contains(scheme) else {
            throw PostgresLocationError(
                url: text, "the scheme must be postgres:// or postgresql://, not \(components.scheme.map { "\($0)://" } ?? "none")")
        }
        var socketDirectory: String?
        var tls: TLSMode?
        var queryPort: Int?
        for item in components.queryItems ?? [] {
            switch item.name {
            case "host":
                guard let value = item.value, value.hasPrefix("/") else {
                    throw PostgresLocationError(url: text, "host= must be an absolute path to the socket's directory")
                }
                socketDirectory = value
            case "sslmode":
                guard let mode = item.value.flatMap(TLSMode.init(rawValue:)) else {
                    throw PostgresLocationError(
                        url: text, "sslmode must be disable, prefer or require, not \(item.value ?? "empty")")
                }
                tls = mode
            case "port":
                guard let value = item.value.flatMap({ Int($0) }) else {
                    throw PostgresLocationError(url: text, "port must be a number, not \(item.value ?? "empty")")
                }
                queryPort = value
            default:
                throw PostgresLocationError(
                    url: text, "unknown parameter \(item.name) (hookd knows host, port and sslmode)")
            }
        }
        let port = queryPort ?? components.port ?? 5432
        guard (1...65535).contains(port) else {
            throw PostgresLocationError(url: text, "port \(port) is out of range")
        }
        var host = components.percentEncodedHost.flatMap { $0.removingPercentEncoding } ?? ""
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        if host.hasPrefix("/") { socketDirectory = socketDirectory ?? host }
        if let socketDirectory {
            let path =
                socketDirectory.hasSuffix(".s.PGSQL.\(port)")
                ? socketDirectory : (socketDirectory as NSString).appendingPathComponent(".s.PGSQL.\(port)")
            endpoint = .unixSocket(path: path)
            guard tls != .require else {
                throw PostgresLocationError(url: text, "sslmode=require cannot be used over a Unix socket")
            }
            self.tls = .disable
        } else {
            guard !host.isEmpty else {
                throw PostgresLocationError(url: text, "it names no host (give one, or ?host=/DIR for a Unix socket)")
            }
            endpoint = .tcp(host: host, port: port)
            self.tls = tls ?? .prefer
        }
        let user = components.user.flatMap { $0.isEmpty ? nil : $0 } ?? Self.currentUser
        guard let user else { throw PostgresLocationError(url: text, "it names no user") }
        username = user
        password = components.password
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        guard !path.contains("/") else {
            throw PostgresLocationError(url: text, "the path must be just the database's name, not \(path)")
        }
        database = path.isEmpty ? user : path
    }

    /// The URL without its password, for logs and messages.
    public var redacted: String {
        let credentials = username + (password == nil ? "" : ":***")
        switch endpoint {
        case .tcp(let host, let port):
            let shown = host.contains(":") ? "[\(host)]" : host
            return "postgres://\(credentials)@\(shown):\(port)/\(database)"
        case .unixSocket(let path):
            let directory = (path as NSString).deletingLastPathComponent
            let port = (path as NSString).lastPathComponent.split(separator: ".").last.map(String.init) ?? "5432"
            return "postgres://\(credentials)@/\(database)?host=\(directory)&port=\(port)"
        }
    }

    /// The name of the user running this process, as libpq assumes when a URL names none.
    private static var currentUser: String? {
        guard let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name else { return nil }
        return String(cString: name)
    }
}

/// A `--database` URL hookd cannot use, and why.
public struct PostgresLocationError: Error, CustomStringConvertible, Equatable {
    /// The URL as given, its password hidden.
    public let url: String
    /// What is wrong with it.
    public let reason: String

    init(url: String, _ reason: String) {
        self.url = Self.hidingPassword(in: url)
        self.reason = reason
    }

    /// `cannot use database URL URL: REASON`.
    public var description: String { "cannot use database URL \(url): \(reason)" }

    private static func hidingPassword(in url: String) -> String {
        guard var components = URLComponents(string: url), components.password != nil else { return url }
        components.password = "***"
        return components.string ?? url
    }
}
