import Foundation
import HookdCore

/// Accounts for people.
enum AccountPresentation {
    static func table(_ accounts: [Account], now: Date = Date()) -> String {
        guard !accounts.isEmpty else { return "No accounts." }
        var table = Table("NAME", "MAX WEBHOOKS", "EVENT TYPES", "CREATED")
        table.fit(cutting: ["EVENT TYPES": 10], leavingOut: ["CREATED"])
        for account in accounts {
            table.append([
                account.name, maxWebhooks(account.plan), eventTypes(account.plan),
                TimeText.relative(account.createdAt, now: now),
            ])
        }
        return table.render()
    }

    static func detail(_ account: Account, now: Date = Date()) -> String {
        var list = DetailList()
        list.add("Name", account.name)
        list.add("Max webhooks", maxWebhooks(account.plan))
        list.add("Event types", eventTypes(account.plan))
        list.add("Managed", account.managed ? "yes (by hookctl apply)" : "no")
        list.add("Created", TimeText.full(account.createdAt, now: now))
        return list.render()
    }

    static func maxWebhooks(_ plan: AccountPlan) -> String {
        plan.maxWebhooks.map(String.init) ?? "unlimited"
    }

    static func eventTypes(_ plan: AccountPlan) -> String {
        plan.eventTypes.contains(.all) ? "all" : plan.eventTypes.map(\.text).joined(separator: ", ")
    }
}
