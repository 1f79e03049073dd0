import Foundation
import HookdCore

/// The narrow interface between the delivery engine and the store: claim due work, and
/// commit attempt results (with new events) in batches.
///
/// A delivery awaiting an attempt is either held by one node (a daemon, named by its node
/// id) in memory — it was handed over at publish, claimed, or kept for its next attempt —
/// or by nobody, when only the store has it and any node may claim it. A node's holds last
/// as long as the node: on SQLite one daemon owns the store and `register` releases what an
/// earlier process held; a shared database decides liveness by each node's heartbeat.
///
/// `fifo` webhooks are handed out one delivery at a time: a claim returns a fifo webhook's
/// delivery only when it is first in that webhook's line and nobody holds it, and a write
/// that ends a fifo delivery hands its owner the next one in line.
///
/// On a store several nodes share (`sharesRateLimits`), a rate-limited webhook has one
/// sending node at a time: its deliveries are never handed over at publish, and a claim takes
/// them only when no other node holds any of them. The claim that makes a node the sender
/// brings the attempts it must count from before (`ClaimedWork.rateLimitHandovers`).
public protocol DeliveryQueue: Sendable {
    /// True when several nodes claim from this store, so a rate-limited webhook's sending
    /// passes between them (a shared database); false when one daemon owns it (SQLite).
    var sharesRateLimits: Bool { get }
    /// Announces `node` as a live owner, started at `now`, and releases what an earlier
    /// process held so it can be claimed at once: on a store only one node uses (SQLite),
    /// every hold; on a shared database, the holds under the same node id only.
    func register(node: String, at now: Date) async throws
    /// Records that `node` is alive at `now`.
    func heartbeat(node: String, at now: Date) async throws
    /// Holds up to `limit` deliveries due by `dueBy` that nobody holds, for `owner`: unordered
    /// webhooks' by due time, and the head of each fifo line nobody holds. On a shared store a
    /// rate-limited webhook's only while no other node holds any of its deliveries.
    func claim(owner: String, limit: Int, dueBy: Date) async throws -> ClaimedWork
    /// Commits one batch in ONE transaction: publishes (each fanned out), then attempt
    /// results with everything they entail (attempt rows, delivery states, webhook health,
    /// disabling, hookd's own events). New awaiting deliveries are held for `owner` while
    /// `room` lasts and handed back; the rest stay in the store for a later claim.
    func write(_ batch: QueueWrite) async throws -> QueueWriteReceipt
    /// Lets go of deliveries `owner` holds without attempting them, so they can be claimed
    /// again when due (the engine's memory cap, a webhook turned fifo, shutdown).
    func release(deliveryIds: [String], owner: String) async throws
}

/// What a claim brought: held work, and when more will be due.
public struct ClaimedWork: Sendable, Equatable {
    /// The deliveries now held by the claiming node, earliest due first.
    public var work: [DeliveryWork]
    /// When the earliest delivery still left in the store for claiming comes due; `nil`
    /// when none waits there (beyond what `work` holds, and fifo lines someone holds).
    public var nextDueAt: Date?
    /// The rate-limited webhooks this claim made the claimer the sender of (it held none of
    /// their deliveries before), each with the attempts it must count toward the limit as its
    /// own: those that ended in the last window, and any a dead node may still have had under
    /// way. Empty on a store one daemon owns.
    public var rateLimitHandovers: [String: [RecentAttempt]]

    public init(work: [DeliveryWork], nextDueAt: Date?, rateLimitHandovers: [String: [RecentAttempt]] = [:]) {
        self.work = work
        self.nextDueAt = nextDueAt
        self.rateLimitHandovers = rateLimitHandovers
    }
}

extension DeliveryQueue {
    /// One daemon owns the store unless the store says otherwise.
    public var sharesRateLimits: Bool { false }
}
