import Foundation
import HookdCore
import HookdDelivery
import HookdRPC
import HookdStore

/// `Accounts.*`: the customers that own webhooks.
enum AccountHandlers {
    static func register(in router: inout RPCRouter, _ services: DaemonServices) {
        router.register(.accountsList) { (_: EmptyParams, _) in
            try await services.store.accounts()
        }
        router.register(.accountsGet) { (params: NameParams, _) in
            try await services.account(params.name)
        }
        router.register(.accountsCreate) { (params: AccountCreateParams, _) in
            let account = Account(name: params.name, plan: try plan(params.plan), createdAt: Date())
            try await services.store.createAccount(account)
            return account
        }
        router.register(.accountsDelete) { (params: NameParams, _) in
            try await services.store.deleteAccount(named: params.name)
            return DeletedResult(name: params.name)
        }
    }

    /// Checks the name-independent parts of a requested plan.
    static func plan(_ params: PlanParams?) throws(HookdError) -> AccountPlan {
        var problems = ViolationList()
        if let max = params?.maxWebhooks, max < 0 {
            problems.add("plan.maxWebhooks", "must be zero or more")
        }
        var patterns: [EventPattern] = []
        for (index, text) in (params?.eventTypes ?? ["*"]).enumerated() {
            if let pattern = problems.collect("plan.eventTypes[\(index)]", { () throws(HookdError) in try EventPattern(text) }) {
                patterns.append(pattern)
            }
        }
        try problems.check("invalid plan")
        return AccountPlan(maxWebhooks: params?.maxWebhooks, eventTypes: patterns)
    }
}
