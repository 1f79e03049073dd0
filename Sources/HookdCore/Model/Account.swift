import Foundation

/// A customer of the platform that owns webhooks, with the plan that limits them.
public struct Account: Sendable, Equatable, Codable {
    /// The account's identifier, e.g. `acc_12345`.
    public var name: String
    /// What the account's plan allows.
    public var plan: AccountPlan
    /// True when created by `hookctl apply`, so `--prune` may delete it.
    public var managed: Bool
    public var createdAt: Date

    public init(name: String, plan: AccountPlan = AccountPlan(), managed: Bool = false, createdAt: Date) {
        self.name = name
        self.plan = plan
        self.managed = managed
        self.createdAt = createdAt
    }
}

/// The limits of an account's plan.
public struct AccountPlan: Sendable, Equatable, Codable {
    /// The most webhooks the account may have; `nil` means no limit.
    public var maxWebhooks: Int?
    /// Event-type patterns (`*`, `customer.*`, `reward.issued`) the account may publish and
    /// subscribe to.
    public var eventTypes: [EventPattern]

    public init(maxWebhooks: Int? = nil, eventTypes: [EventPattern] = [.all]) {
        self.maxWebhooks = maxWebhooks
        self.eventTypes = eventTypes
    }

    /// Whether the plan lets the account use events of `type`.
    public func allows(eventType type: String) -> Bool {
        eventTypes.contains { $0.matches(type) }
    }

    /// Whether the plan covers everything a subscription pattern can match.
    public func allows(pattern: EventPattern) -> Bool {
        eventTypes.contains { $0.covers(pattern) }
    }
}
