import Foundation
internal import GRDB
import HookdCore

/// A row of `accounts`.
struct AccountRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "accounts"

    var name: String
    /// `plan.maxWebhooks`; NULL means no limit.
    var planMaxWebhooks: Int?
    /// `plan.eventTypes` as a JSON array of patterns.
    var planEventTypes: String
    var managed: Bool
    var created: Int64

    enum CodingKeys: String, CodingKey {
        case name
        case planMaxWebhooks = "plan_max_webhooks"
        case planEventTypes = "plan_event_types"
        case managed
        case created
    }

    enum Columns {
        static let name = Column(CodingKeys.name)
    }
}

extension AccountRecord {
    init(_ account: Account) throws {
        name = account.name
        planMaxWebhooks = account.plan.maxWebhooks
        planEventTypes = try StoredValue.json(account.plan.eventTypes)
        managed = account.managed
        created = account.createdAt.storedMilliseconds
    }

    func account() throws -> Account {
        Account(
            name: name,
            plan: AccountPlan(
                maxWebhooks: planMaxWebhooks,
                eventTypes: try StoredValue.decode([EventPattern].self, json: planEventTypes)),
            managed: managed,
            createdAt: Date(storedMilliseconds: created))
    }
}
