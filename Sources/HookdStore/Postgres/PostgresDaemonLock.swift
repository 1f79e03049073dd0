import Foundation
public import Logging
internal import PostgresNIO

/// The claim one daemon lays on a PostgreSQL database while it runs: a session advisory lock
/// on a connection of its own, held until `release()` (or until the daemon dies and its
/// connection with it).
///
/// In this release a database serves one daemon at a time (`PostgresStore.register` takes
/// over every hold), so a second daemon is refused at start instead of sending the first
/// one's deliveries twice. Several daemons sharing a database will do without it.
public final class PostgresDaemonLock: Sendable {
    /// The advisory lock key ("hookd" in ASCII, then 3).
    static let key: Int64 = 0x686F_6F6B_6400_0003

    private let connection: PostgresConnection

    private init(connection: PostgresConnection) {
        self.connection = connection
    }

    /// Takes the lock on `location`'s database; throws `PostgresInUseError` (naming the
    /// other daemon's node when the database knows it) when another daemon holds it, and
    /// `PostgresUnavailableError` when the database cannot be reached.
    public static func acquire(
        _ location: PostgresLocation, connectTimeout: Duration = .seconds(10), logger: Logger
    ) async throws -> PostgresDaemonLock {
        let connection = try await PostgresStore.connect(location, timeout: connectTimeout, logger: logger)
        let session = PostgresSession(connection: connection, logger: logger)
        do {
            guard try await session.value(Bool.self, "SELECT pg_try_advisory_lock(\(key))") == true else {
                let holder = try? await session.row(
                    """
                    SELECT id, heartbeat FROM queue_nodes ORDER BY heartbeat DESC LIMIT 1
                    """)
                throw PostgresInUseError(
                    url: location.redacted, node: try? holder?.get("id", as: String.self),
                    heartbeat: (try? holder?.get("heartbeat", as: Int64.self)).map(Date.init(storedMilliseconds:)))
            }
        } catch {
            try? await connection.close()
            throw error
        }
        return PostgresDaemonLock(connection: connection)
    }

    /// Lets go of the database (closing the lock's connection).
    public func release() async {
        try? await connection.close()
    }
}

/// Another daemon runs on the database.
public struct PostgresInUseError: Error, CustomStringConvertible {
    /// The database, its password hidden.
    public let url: String
    /// The other daemon's node id, when the database has one recorded.
    public let node: String?
    /// When that node last said it was alive.
    public let heartbeat: Date?

    /// Who holds the database, which it is, and why that stops this daemon.
    public var description: String {
        let who =
            node.map { node in
                "hookd node \(node)" + (heartbeat.map { " (last heartbeat \(Self.format($0)))" } ?? "")
            } ?? "another hookd"
        return "\(who) is using the database \(url); one daemon uses a database at a time in this release"
    }

    private static func format(_ date: Date) -> String {
        date.formatted(.iso8601)
    }
}
