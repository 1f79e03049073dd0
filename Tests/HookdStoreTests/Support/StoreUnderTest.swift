import Foundation
import HookdCore

@testable import HookdStore

/// What the store tests call beyond `Store`: one delivery at a time and the state revision,
/// which both stores offer to tests and tools, and the raw rows of `QueueRows`.
protocol StoreUnderTest: QueueRows {
    func stateRevision() async throws -> Int64
    func work(deliveryId: String) async throws -> DeliveryWork?
    func dueDeliveries(limit: Int) async throws -> [DueDelivery]
    func record(_ attempt: Attempt, updating delivery: Delivery) async throws
    func update(_ delivery: Delivery) async throws
    func lineHead(webhookId: String) async throws -> DueDelivery?
    func queueDepth(at now: Date) async throws -> QueueDepth
}

extension SQLiteStore: StoreUnderTest {}
