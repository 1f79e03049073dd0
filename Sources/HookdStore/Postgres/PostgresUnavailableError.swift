internal import PostgresNIO

/// hookd could not connect to its PostgreSQL database, or the server refused it: the URL
/// (without its password) and the server's or the network's reason.
public struct PostgresUnavailableError: Error, CustomStringConvertible {
    /// The database, its password hidden.
    public let url: String
    /// What the server or the network said.
    public let reason: String

    init(location: PostgresLocation, error: any Error) {
        url = location.redacted
        reason = Self.reason(of: error)
    }

    /// `cannot connect to the database URL: REASON`.
    public var description: String { "cannot connect to the database \(url): \(reason)" }

    /// What the server said (`password authentication failed for user "x"`, `database "y"
    /// does not exist`) or why the connection failed (`Connection refused`).
    static func reason(of error: any Error) -> String {
        guard let error = error as? PSQLError else { return "\(error)" }
        if let message = error.serverInfo?[.message] { return message }
        if let underlying = error.underlying { return "\(underlying)" }
        return "\(error.code)"
    }
}
