import HookdCore

/// `Accounts.Create`.
public struct AccountCreateParams: Codable, Sendable, Equatable {
    public var name: String
    public var plan: PlanParams?

    public init(name: String, plan: PlanParams? = nil) {
        self.name = name
        self.plan = plan
    }
}
