import Foundation
import HookdStore

/// A store `hookd copy-store` reads or writes: `sqlite:PATH` (a data directory, or its
/// `hookd.sqlite` file) or a PostgreSQL URL as `--database` takes it.
public enum StoreAddress: Sendable, Equatable, CustomStringConvertible {
    /// The SQLite store `hookd.sqlite` in `directory`.
    case sqlite(directory: String)
    /// A PostgreSQL database.
    case postgres(DatabaseURL)

    /// Reads `text`; throws `StoreAddressError` saying what is wrong with it.
    public init(_ text: String) throws(StoreAddressError) {
        if text.hasPrefix("sqlite:") {
            let path = String(text.dropFirst("sqlite:".count))
            guard !path.isEmpty else {
                throw StoreAddressError(description: "sqlite: needs the data directory, as in sqlite:/var/lib/hookd")
            }
            let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
            self = .sqlite(
                directory: (absolute as NSString).lastPathComponent == SQLiteStore.fileName
                    ? (absolute as NSString).deletingLastPathComponent : absolute)
        } else if text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") {
            do {
                self = .postgres(try DatabaseURL(text))
            } catch {
                throw StoreAddressError(description: error.description)
            }
        } else {
            // Only the scheme of a URL is repeated: the rest may hold a password.
            let shown = text.range(of: "://").map { String(text[..<$0.upperBound]) + "…" } ?? text
            throw StoreAddressError(
                description: "cannot use store \(shown): name sqlite:DATA_DIR or a postgres:// or postgresql:// URL")
        }
    }

    /// The SQLite store's file.
    var sqlitePath: String? {
        guard case .sqlite(let directory) = self else { return nil }
        return (directory as NSString).appendingPathComponent(SQLiteStore.fileName)
    }

    /// Where the store is, a URL's password hidden.
    public var description: String {
        switch self {
        case .sqlite: "sqlite:\(sqlitePath ?? "")"
        case .postgres(let url): url.redacted
        }
    }
}

/// A `--from` or `--to` store `hookd copy-store` cannot use, and why.
public struct StoreAddressError: Error, CustomStringConvertible {
    public let description: String
}
