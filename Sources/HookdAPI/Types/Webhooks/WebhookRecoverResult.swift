import Foundation
import HookdCore

/// What `Webhooks.Recover` found and (unless a dry run) queued, oldest first.
public struct WebhookRecoverResult: Codable, Sendable, Equatable {
    /// `ACCOUNT/NAME`.
    public var webhook: String
    public var since: Date
    public var until: Date
    public var failed: Int
    public var skipped: Int
    /// True when nothing was queued.
    public var dryRun: Bool
    /// The deliveries re-sent (or that would be), oldest first.
    public var deliveries: [String]

    public init(
        webhook: String, since: Date, until: Date, failed: Int, skipped: Int, dryRun: Bool, deliveries: [String]
    ) {
        self.webhook = webhook
        self.since = since
        self.until = until
        self.failed = failed
        self.skipped = skipped
        self.dryRun = dryRun
        self.deliveries = deliveries
    }
}
