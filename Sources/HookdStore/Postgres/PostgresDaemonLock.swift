import Foundation
public import Logging
internal import PostgresNIO
import Synchronization

/// The claim a process lays on a PostgreSQL database while it uses it: a session advisory
/// lock on a connection of its own, held until `release()` (or until the process dies and its
/// connection with it).
///
/// Daemons take it shared, so any number of them run on one database together; the
/// maintenance commands that must run alone (`hookd copy-store`, `hookd secrets`) take it
/// exclusive, so they refuse to start beside a daemon, and a daemon refuses to start while
/// one of them runs. A daemon `keep`s it: when the lock's connection is lost (the database
/// restarted, the backend was terminated), the lock went with it, and `keep` takes it again.
public final class PostgresDaemonLock: Sendable {
    /// Who takes the lock, and so how.
    public enum Holder: Sendable {
        /// A daemon: shared with the other daemons.
        case daemon
        /// A maintenance command, named for messages: alone.
        case maintenance(String)
    }

    /// The advisory lock key ("hookd" in ASCII, then 3).
    static let key: Int64 = 0x686F_6F6B_6400_0003

    private let location: PostgresLocation
    private let holder: Holder
    private let connectTimeout: Duration
    private let logger: Logger
    /// Guards the connection holding the lock now: replaced when `keep` takes the lock again,
    /// `nil` once released.
    private let connection: Mutex<PostgresConnection?>

    private init(
        connection: PostgresConnection, location: PostgresLocation, holder: Holder, connectTimeout: Duration,
        logger: Logger
    ) {
        self.connection = Mutex(connection)
        self.location = location
        self.holder = holder
        self.connectTimeout = connectTimeout
        self.logger = logger
    }

    /// Takes the lock on `location`'s database as `holder`; throws `PostgresInUseError`
    /// when the other kind holds it (naming the most recent daemon node the database knows),
    /// and `PostgresUnavailableError` when the database cannot be reached.
    public static func acquire(
        _ location: PostgresLocation, as holder: Holder, connectTimeout: Duration = .seconds(10), logger: Logger
    ) async throws -> PostgresDaemonLock {
        PostgresDaemonLock(
            connection: try await take(location, as: holder, connectTimeout: connectTimeout, logger: logger),
            location: location, holder: holder, connectTimeout: connectTimeout, logger: logger)
    }

    /// A new connection holding the lock as `holder`.
    private static func take(
        _ location: PostgresLocation, as holder: Holder, connectTimeout: Duration, logger: Logger
    ) async throws -> PostgresConnection {
        let connection = try await PostgresStore.connect(location, timeout: connectTimeout, logger: logger)
        let session = PostgresSession(connection: connection, logger: logger)
        do {
            let taken: Bool?
            switch holder {
            case .daemon: taken = try await session.value(Bool.self, "SELECT pg_try_advisory_lock_shared(\(key))")
            case .maintenance: taken = try await session.value(Bool.self, "SELECT pg_try_advisory_lock(\(key))")
            }
            guard taken == true else {
                switch holder {
                case .daemon:
                    throw PostgresInUseError(url: location.redacted, user: .maintenance, node: nil, heartbeat: nil)
                case .maintenance(let command):
                    // queue_nodes exists once a daemon has migrated the database.
                    let newest = try? await session.row(
                        "SELECT id, heartbeat FROM queue_nodes ORDER BY heartbeat DESC LIMIT 1")
                    throw PostgresInUseError(
                        url: location.redacted, user: .daemons(refusing: command),
                        node: try? newest?.get("id", as: String.self),
                        heartbeat: (try? newest?.get("heartbeat", as: Int64.self)).map(Date.init(storedMilliseconds:)))
                }
            }
        } catch {
            try? await connection.close()
            throw error
        }
        return connection
    }

    /// Holds the lock until cancelled or released: every `interval` it checks that the lock's
    /// connection still answers, and when it does not (the database restarted, the backend
    /// was terminated), the lock is gone with it and is taken again on a new connection,
    /// retried every `interval` while the database is out of reach.
    ///
    /// Throws `PostgresInUseError` when a maintenance command took the lock exclusively
    /// meanwhile: the caller must stop using the database (see docs/scale-out.md).
    public func keep(checkingEvery interval: Duration = .seconds(1)) async throws {
        var lostSince: ContinuousClock.Instant?
        while (try? await Task.sleep(for: interval)) != nil {
            guard let current = connection.withLock({ $0 }) else { return }
            if lostSince == nil {
                if !current.isClosed, (try? await current.query("SELECT 1", logger: logger).collect()) != nil { continue }
                lostSince = .now
                logger.warning(
                    "lost the connection holding the database's shared lock; taking the lock again",
                    metadata: ["database": "\(location.redacted)"])
                try? await current.close()
            }
            let replacement: PostgresConnection
            do {
                replacement = try await Self.take(location, as: holder, connectTimeout: connectTimeout, logger: logger)
            } catch let inUse as PostgresInUseError {
                throw inUse
            } catch {
                continue
            }
            let kept = connection.withLock { held in
                guard held != nil else { return false }
                held = replacement
                return true
            }
            guard kept else {
                // Released while the lock was being taken again.
                try? await replacement.close()
                return
            }
            if let since = lostSince {
                logger.notice(
                    "took the database's shared lock again",
                    metadata: ["database": "\(location.redacted)", "without_lock": "\(ContinuousClock.now - since)"])
            }
            lostSince = nil
        }
    }

    /// Lets go of the database (closing the lock's connection).
    public func release() async {
        let current = connection.withLock { held in
            defer { held = nil }
            return held
        }
        try? await current?.close()
    }
}

/// The database is in use in a way that excludes what was asked: daemons run on it (for a
/// maintenance command), or a maintenance command does (for a daemon).
public struct PostgresInUseError: Error, CustomStringConvertible {
    /// Who uses the database.
    public enum User: Sendable, Equatable {
        /// One or more daemons; `refusing` names the command that must wait for them.
        case daemons(refusing: String)
        /// A maintenance command (copy-store, secrets).
        case maintenance
    }

    /// The database, its password hidden.
    public let url: String
    /// Who holds it.
    public let user: User
    /// The daemon node that last said it was alive, when the database has one recorded.
    public let node: String?
    /// When that node last said it was alive.
    public let heartbeat: Date?

    /// Who holds the database and what to do about it.
    public var description: String {
        switch user {
        case .maintenance:
            return
                "a maintenance command (hookd copy-store or hookd secrets) is using the database \(url); start hookd once it has finished"
        case .daemons(let command):
            let who =
                node.map { node in
                    "hookd (node \(node)" + (heartbeat.map { ", last heartbeat \(Self.format($0))" } ?? "") + ")"
                } ?? "hookd"
            return "\(who) is using the database \(url); stop every hookd on it before \(command)"
        }
    }

    private static func format(_ date: Date) -> String {
        date.formatted(.iso8601)
    }
}
