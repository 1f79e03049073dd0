import Foundation
import HookdCore
internal import PostgresNIO

/// The daemons sharing the database (`queue_nodes`): each registers under its node id at
/// start and records a heartbeat every few seconds. A node whose heartbeat is older than
/// `nodeTimeout` by the claimer's clock is dead (so the nodes' clocks must agree, as NTP keeps
/// them); the next claim frees what it held.
extension PostgresStore {
    /// How long a dead node stays listed (for `Daemon.Status`) before its row is dropped.
    static let deadNodeListedFor: Int64 = 86_400_000

    /// Lists `node` as started and alive at `now`, and frees what an earlier process under
    /// the same node id held (a restart with a fixed `--node-id`); other nodes' holds stay.
    public func register(node: String, at now: Date) async throws {
        let millis = now.storedMilliseconds
        try await write { session in
            // Attempts the earlier process had under way may still reach receivers: they count
            // toward their webhooks' rate limits until their timeout has passed.
            let freed = try await session.rows(
                "UPDATE deliveries SET lease_owner = NULL WHERE lease_owner = \(node) RETURNING id"
            ).map { try $0.get("id", as: String.self) }
            try await Self.noteUnrecordedAttempts(ofFreed: freed, at: millis, in: session)
            try await session.execute(
                """
                INSERT INTO queue_nodes (id, started, heartbeat) VALUES (\(node), \(millis), \(millis))
                ON CONFLICT (id) DO UPDATE SET started = EXCLUDED.started, heartbeat = EXCLUDED.heartbeat
                """)
        }
    }

    /// Records that `node` is alive at `now`. One statement outside the writer lock, so a
    /// busy writer never delays it and a healthy node's holds never lapse under load.
    public func heartbeat(node: String, at now: Date) async throws {
        let millis = now.storedMilliseconds
        _ = try await client.query(
            """
            INSERT INTO queue_nodes (id, started, heartbeat) VALUES (\(node), \(millis), \(millis))
            ON CONFLICT (id) DO UPDATE SET heartbeat = EXCLUDED.heartbeat
            """, logger: logger
        ).collect()
    }

    /// Every node listed, with what each holds, by node id.
    public func nodes() async throws -> [QueueNode] {
        try await read { session in
            try await session.rows(
                """
                SELECT n.id, n.started, n.heartbeat,
                    (SELECT COUNT(*) FROM deliveries d WHERE d.lease_owner = n.id) AS held
                FROM queue_nodes n ORDER BY n.id
                """
            ).map { row in
                QueueNode(
                    id: try row.get("id"), started: Date(storedMilliseconds: try row.get("started")),
                    heartbeat: Date(storedMilliseconds: try row.get("heartbeat")), held: Int(try row.get("held", as: Int64.self)))
            }
        }
    }

    /// Frees every delivery held by a node (other than `owner`) silent since before `cutoff`
    /// (stored milliseconds), noting those of rate-limited webhooks as possibly under way at
    /// `now`, and drops nodes dead for a day; inside a claim's transaction.
    static func freeHolds(
        ofNodesSilentSince cutoff: Int64, except owner: String, at now: Int64, in session: PostgresSession
    ) async throws {
        let dead = try await session.rows("SELECT id FROM queue_nodes WHERE heartbeat < \(cutoff) AND id <> \(owner)")
            .map { try $0.get("id", as: String.self) }
        guard !dead.isEmpty else { return }
        let freed = try await session.rows(
            "UPDATE deliveries SET lease_owner = NULL WHERE lease_owner = ANY(\(dead)) RETURNING id"
        ).map { try $0.get("id", as: String.self) }
        if !freed.isEmpty {
            session.logger.info("took over the deliveries of dead nodes", metadata: ["nodes": "\(dead)", "count": "\(freed.count)"])
            try await noteUnrecordedAttempts(ofFreed: freed, at: now, in: session)
        }
        try await session.execute("DELETE FROM queue_nodes WHERE heartbeat < \(cutoff - deadNodeListedFor)")
    }
}
