import Foundation
import HookdAPI
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
            let account = try newAccount(params)
            try await services.store.createAccount(account)
            return account
        }
        router.register(.accountsDelete) { (params: NameParams, _) in
            try await services.store.deleteAccount(named: params.name)
            return DeletedResult(name: params.name)
        }
    }

    /// A new account from `Accounts.Create` params: its name under the rule manifests apply
    /// (`Names.resourceNameProblem`) and its plan, every problem reported at once.
    static func newAccount(_ params: AccountCreateParams) throws(HookdError) -> Account {
        var problems = ViolationList()
        if let problem = Names.resourceNameProblem(params.name) { problems.add("name", problem) }
        let accountPlan = problems.collect("plan") { () throws(HookdError) in try Self.plan(params.plan) }
        try problems.check("invalid account")
        guard let accountPlan else { throw .invalidArgument("invalid account") }
        return Account(name: params.name, plan: accountPlan, createdAt: Date())
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
