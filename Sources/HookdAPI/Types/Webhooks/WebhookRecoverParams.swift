import Foundation
import HookdCore

/// `Webhooks.Recover`: re-send what a webhook missed.
public struct WebhookRecoverParams: Codable, Sendable, Equatable {
    public var webhook: String
    /// From when: a duration back from now (`2h`) or an ISO 8601 time.
    public var since: String
    /// Until when (default: now), in the same forms.
    public var until: String?
    /// Only count what would be re-sent.
    public var dryRun: Bool?

    public init(webhook: String, since: String, until: String? = nil, dryRun: Bool? = nil) {
        self.webhook = webhook
        self.since = since
        self.until = until
        self.dryRun = dryRun
    }
}
