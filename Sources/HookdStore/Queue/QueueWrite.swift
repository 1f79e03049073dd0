import Foundation
import HookdCore

/// One batch for `DeliveryQueue.write`: everything that committed together.
public struct QueueWrite: Sendable {
    /// The node that will hold new work.
    public var owner: String
    public var now: Date
    /// Events to store and fan out, one list per caller, in the order the callers came.
    public var publishes: [[Event]]
    /// Attempt results (and skips), in the order they ended.
    public var completions: [AttemptCompletion]
    /// How many new awaiting deliveries `owner` can take into memory.
    public var room: Int
    /// When a webhook whose deliveries keep failing is disabled.
    public var autoDisable: AutoDisablePolicy

    public init(
        owner: String, now: Date, publishes: [[Event]] = [], completions: [AttemptCompletion] = [], room: Int,
        autoDisable: AutoDisablePolicy
    ) {
        self.owner = owner
        self.now = now
        self.publishes = publishes
        self.completions = completions
        self.room = room
        self.autoDisable = autoDisable
    }
}

/// How one delivery's attempt (or its skipping) ended, as the engine hands it to the store.
public struct AttemptCompletion: Sendable, Equatable {
    /// The delivery's new state (`Delivery.after(...)`, or `skipped`).
    public var delivery: Delivery
    /// The attempt made; `nil` when the delivery was skipped without one.
    public var attempt: Attempt?
    /// True when the engine keeps the delivery in memory for its next attempt.
    public var keep: Bool
    /// Disable the webhook for this reason (a `410 Gone`), in the same commit.
    public var disableReason: String?

    public init(delivery: Delivery, attempt: Attempt?, keep: Bool = false, disableReason: String? = nil) {
        self.delivery = delivery
        self.attempt = attempt
        self.keep = keep
        self.disableReason = disableReason
    }

    /// A delivery of a disabled webhook, kept as `skipped` instead of sent.
    public static func skipped(_ delivery: Delivery, at now: Date) -> AttemptCompletion {
        var skipped = delivery
        skipped.status = .skipped
        skipped.nextAttemptAt = nil
        skipped.updatedAt = now
        return AttemptCompletion(delivery: skipped, attempt: nil)
    }
}

/// What a `QueueWrite` did.
public struct QueueWriteReceipt: Sendable {
    /// Each caller's publish outcomes, in the order of `QueueWrite.publishes`.
    public var published: [[PublishOutcome]]
    /// New work now held by the owner: publishes' and hookd's own events' deliveries while
    /// room lasted, and the next delivery of each fifo line whose turn ended.
    public var handedOver: [DeliveryWork]
    /// True when new awaiting deliveries were left in the store (no room, or fifo lines):
    /// the owner should claim.
    public var leftInStore: Bool
    /// Webhooks this write disabled, as they now are.
    public var disabled: [Webhook]
    /// Completions whose delivery was gone (its webhook deleted meanwhile): nothing written.
    public var gone: [String]

    public init(
        published: [[PublishOutcome]] = [], handedOver: [DeliveryWork] = [], leftInStore: Bool = false,
        disabled: [Webhook] = [], gone: [String] = []
    ) {
        self.published = published
        self.handedOver = handedOver
        self.leftInStore = leftInStore
        self.disabled = disabled
        self.gone = gone
    }
}
