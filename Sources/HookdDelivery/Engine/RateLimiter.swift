import Foundation
import HookdCore
import HookdStore

/// Holds each webhook to its `RateLimit` as its receiver sees it: at most `perSecond`
/// requests arrive in any one-second window.
///
/// A request arrives between its attempt's start and end, so the limiter keeps, per
/// webhook, the last `perSecond` attempts in start order and lets a new one start only once
/// the oldest of them has ended a full second ago. Any `perSecond + 1` consecutive requests
/// then span more than a second at the receiver, whatever the network did in between. The
/// price is a rate a little under the limit (by the attempts' duration).
struct RateLimiter {
    /// When a rate-limited attempt may start.
    enum Decision: Equatable {
        /// Now.
        case now
        /// From this time on.
        case at(Date)
        /// Once an attempt under way ends (then a second after that).
        case afterAnAttemptEnds
    }

    private struct Entry {
        var deliveryId: String
        /// When the attempt ended; `nil` while under way.
        var endedAt: Date?
    }

    /// The last attempts of each rate-limited webhook, oldest first, at most its limit.
    private var recent: [String: [Entry]] = [:]

    /// The window the limit counts in.
    static let window: TimeInterval = 1

    /// Whether an attempt to `webhook` may start at `now`.
    func decision(for webhook: String, limit: RateLimit, at now: Date) -> Decision {
        guard let entries = recent[webhook], entries.count >= limit.perSecond else { return .now }
        let oldest = entries[entries.count - limit.perSecond]
        guard let ended = oldest.endedAt else { return .afterAnAttemptEnds }
        let allowed = ended.addingTimeInterval(Self.window)
        return allowed <= now ? .now : .at(allowed)
    }

    /// Notes that an attempt to `webhook` started.
    mutating func started(_ deliveryId: String, webhook: String, limit: RateLimit) {
        // Changed in place through the dictionary: a copy per attempt would cost the whole
        // window's entries each time.
        recent[webhook, default: []].append(Entry(deliveryId: deliveryId, endedAt: nil))
        let excess = recent[webhook, default: []].count - limit.perSecond
        if excess > 0 { recent[webhook, default: []].removeFirst(excess) }
    }

    /// Notes that an attempt ended at `now`; a no-op for webhooks without a limit.
    mutating func ended(_ deliveryId: String, webhook: String, at now: Date) {
        guard let index = recent[webhook]?.lastIndex(where: { $0.deliveryId == deliveryId && $0.endedAt == nil })
        else { return }
        recent[webhook]?[index].endedAt = now
    }

    /// Takes a webhook over from other nodes (a shared store): counts `attempts`, which
    /// ended before any this limiter has yet to start, as if they were its own, oldest end
    /// first, with its own attempts for them and those under way after them. A recorded
    /// attempt it already has (it made it itself) is not counted twice.
    mutating func takeOver(_ webhook: String, attempts: [RecentAttempt], limit: RateLimit?) {
        let own = recent[webhook] ?? []
        let known = Set(own.map(\.deliveryId))
        var entries = attempts.filter { $0.deliveryId.map { !known.contains($0) } ?? true }
            .map { Entry(deliveryId: $0.deliveryId ?? "", endedAt: $0.endedAt) }
        entries += own
        // Ended ones by end, those under way last: the limit then looks at the latest ends.
        entries.sort { ($0.endedAt ?? .distantFuture) < ($1.endedAt ?? .distantFuture) }
        if let limit, entries.count > limit.perSecond { entries.removeFirst(entries.count - limit.perSecond) }
        recent[webhook] = entries.isEmpty ? nil : entries
    }

    /// Forgets webhooks whose last attempts all ended over a window before `now`, so the
    /// table does not grow with idle webhooks.
    mutating func forgetIdle(before now: Date) {
        let horizon = now.addingTimeInterval(-Self.window)
        recent = recent.filter { _, entries in entries.contains { ($0.endedAt ?? .distantFuture) > horizon } }
    }

    /// Webhooks with recent attempts (for tests).
    var trackedWebhooks: Int { recent.count }
}
