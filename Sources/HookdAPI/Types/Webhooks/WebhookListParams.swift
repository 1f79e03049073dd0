import Foundation
import HookdCore

/// `Webhooks.List`.
public struct WebhookListParams: Codable, Sendable, Equatable {
    /// Only this account's webhooks.
    public var account: String?
    public init(account: String? = nil) { self.account = account }
}
