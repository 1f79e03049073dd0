import Foundation
import HookdCore
import PostgresNIO

@testable import HookdStore

extension PostgresStore: StoreUnderTest {
    func leaseOwner(ofDelivery id: String) async throws -> String? {
        try await read { session in
            try await session.row("SELECT lease_owner FROM deliveries WHERE id = \(id)")?.get("lease_owner")
        }
    }

    func isMarkedFifo(delivery id: String) async throws -> Bool {
        try await read { session in
            guard let row = try await session.row("SELECT fifo FROM deliveries WHERE id = \(id)") else {
                throw HookdError.notFound(.delivery, id)
            }
            return try row.get("fifo")
        }
    }

    func heartbeat(ofNode id: String) async throws -> Date? {
        try await read { session in
            try await session.value(Int64.self, "SELECT heartbeat FROM queue_nodes WHERE id = \(id)")
                .map(Date.init(storedMilliseconds:))
        }
    }
}
