import HookdStore

/// The PostgreSQL database `hookd --database` (or `HOOKD_DATABASE`) names, checked when the
/// daemon is configured; without one the daemon keeps SQLite in its data directory.
public struct DatabaseURL: Sendable, Equatable {
    let location: PostgresLocation

    /// Reads a `postgres://` or `postgresql://` URL (see `PostgresLocation` for what it may
    /// hold); throws `DatabaseURLError` saying what is wrong with it.
    public init(_ text: String) throws(DatabaseURLError) {
        do {
            location = try PostgresLocation(url: text)
        } catch {
            throw DatabaseURLError(description: error.description)
        }
    }

    /// The URL without its password, for logs.
    public var redacted: String { location.redacted }

    /// The database `--database` (`flag`) names, else `HOOKD_DATABASE` in `environment`;
    /// `nil` when neither names one. A URL hookd cannot use throws, its message starting
    /// with where it came from (`--database: ...`).
    public static func named(byFlag flag: String?, environment: [String: String]) throws(DatabaseURLError)
        -> DatabaseURL?
    {
        let source = flag == nil ? "HOOKD_DATABASE" : "--database"
        guard let text = flag ?? environment["HOOKD_DATABASE"], !text.isEmpty else { return nil }
        do {
            return try DatabaseURL(text)
        } catch {
            throw DatabaseURLError(description: "\(source): \(error.description)")
        }
    }
}

/// A `--database` URL hookd cannot use, and why.
public struct DatabaseURLError: Error, CustomStringConvertible {
    /// `cannot use database URL URL: REASON`, the password hidden.
    public let description: String
}
