import Foundation
import GRDB
import HookdCore

@testable import HookdStore

/// What the `DeliveryQueue` contract tests read beneath the interface: who holds a delivery
/// and whether it waits in a fifo line. Every store the contract runs against provides it.
protocol QueueRows: Store {
    /// The node holding the delivery (`deliveries.lease_owner`); `nil` when only the store has it.
    func leaseOwner(ofDelivery id: String) async throws -> String?
    /// Whether the delivery is marked as waiting in a fifo line (`deliveries.fifo`).
    func isMarkedFifo(delivery id: String) async throws -> Bool
    /// The node's last heartbeat (`queue_nodes.heartbeat`); `nil` when the node is not listed.
    func heartbeat(ofNode id: String) async throws -> Date?
}

extension SQLiteStore: QueueRows {
    func leaseOwner(ofDelivery id: String) async throws -> String? {
        try await database.read { db in
            try String.fetchOne(db, sql: "SELECT lease_owner FROM deliveries WHERE id = ?", arguments: [id])
        }
    }

    func isMarkedFifo(delivery id: String) async throws -> Bool {
        try await database.read { db in
            guard let fifo = try Bool.fetchOne(db, sql: "SELECT fifo FROM deliveries WHERE id = ?", arguments: [id])
            else { throw HookdError.notFound(.delivery, id) }
            return fifo
        }
    }

    func heartbeat(ofNode id: String) async throws -> Date? {
        try await database.read { db in
            try Int64.fetchOne(db, sql: "SELECT heartbeat FROM queue_nodes WHERE id = ?", arguments: [id])
                .map(Date.init(storedMilliseconds:))
        }
    }
}

