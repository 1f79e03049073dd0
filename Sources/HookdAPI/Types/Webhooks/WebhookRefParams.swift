import Foundation
import HookdCore

/// Params naming one webhook: `NAME` when unique across accounts, else `ACCOUNT/NAME`.
public struct WebhookRefParams: Codable, Sendable, Equatable {
    public var webhook: String
    public init(webhook: String) { self.webhook = webhook }
}
