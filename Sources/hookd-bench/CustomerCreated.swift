import Foundation
import HookdAPI
import HookdCore
import HookdRPC

/// The event every benchmark publishes: the loyalty platform's published `customer.created`
/// example (`Tests/Fixtures/seed/payloads.json`), as a platform sends it.
enum CustomerCreated {
    /// The event type's name.
    static let type = "customer.created"

    /// The account the benchmark's webhooks belong to.
    static let account = "acc_bench"

    /// The payload, exactly the platform's example.
    static let data: JSONValue = [
        "customer_id": "cust_67890", "email": "customer@example.com", "phone": "+1234567890",
        "name": "John Smith", "created_at": "2025-10-14T15:30:00Z",
    ]

    /// One event to publish, with the benchmark's own id (so arrivals can be matched to it).
    static func input(id: String) -> EventInput {
        EventInput(account: account, type: type, data: data, id: id)
    }
}
