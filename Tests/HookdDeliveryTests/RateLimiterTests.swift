import Foundation
import HookdCore
import HookdStore
import Testing

@testable import HookdDelivery

struct RateLimiterTests {
    let start = Date(timeIntervalSince1970: 1_000)

    @Test("up to the limit start at once; the next waits until the oldest ended a second ago")
    func window() {
        var limiter = RateLimiter()
        let limit = RateLimit(perSecond: 2)
        #expect(limiter.decision(for: "w", limit: limit, at: start) == .now)
        limiter.started("d1", webhook: "w", limit: limit)
        limiter.started("d2", webhook: "w", limit: limit)
        // Both under way: nothing can be promised until one ends.
        #expect(limiter.decision(for: "w", limit: limit, at: start) == .afterAnAttemptEnds)
        limiter.ended("d1", webhook: "w", at: start.addingTimeInterval(0.2))
        #expect(limiter.decision(for: "w", limit: limit, at: start.addingTimeInterval(0.3)) == .at(start.addingTimeInterval(1.2)))
        #expect(limiter.decision(for: "w", limit: limit, at: start.addingTimeInterval(1.2)) == .now)
        limiter.started("d3", webhook: "w", limit: limit)
        // Now d2 (still under way) is the oldest of the last two.
        #expect(limiter.decision(for: "w", limit: limit, at: start.addingTimeInterval(5)) == .afterAnAttemptEnds)
    }

    @Test("any limit+1 consecutive starts span more than a second after the first one's end")
    func slidingWindowHolds() {
        var limiter = RateLimiter()
        let limit = RateLimit(perSecond: 5)
        var now = start
        var starts: [Date] = []
        var ends: [Date] = []
        for index in 0..<40 {
            while true {
                switch limiter.decision(for: "w", limit: limit, at: now) {
                case .now: break
                case .at(let time): now = time; continue
                case .afterAnAttemptEnds: Issue.record("every attempt ends at once here"); return
                }
                break
            }
            limiter.started("d\(index)", webhook: "w", limit: limit)
            starts.append(now)
            now = now.addingTimeInterval(0.01)
            limiter.ended("d\(index)", webhook: "w", at: now)
            ends.append(now)
        }
        for index in 5..<starts.count {
            #expect(starts[index].timeIntervalSince(ends[index - 5]) >= 1)
        }
    }

    @Test("webhooks are limited separately, and idle ones are forgotten")
    func separate() {
        var limiter = RateLimiter()
        let limit = RateLimit(perSecond: 1)
        limiter.started("a1", webhook: "a", limit: limit)
        #expect(limiter.decision(for: "b", limit: limit, at: start) == .now)
        limiter.ended("a1", webhook: "a", at: start)
        #expect(limiter.trackedWebhooks == 1)
        limiter.forgetIdle(before: start.addingTimeInterval(10))
        #expect(limiter.trackedWebhooks == 0)
        #expect(limiter.decision(for: "a", limit: limit, at: start.addingTimeInterval(10)) == .now)
    }
    @Test("a webhook taken over from other nodes counts their attempts: the next start waits a second after the limit-th latest end, its own recorded ones count once, a dead node's until their bound")
    func takeOver() {
        var limiter = RateLimiter()
        let limit = RateLimit(perSecond: 2)
        limiter.started("own", webhook: "w", limit: limit)
        limiter.ended("own", webhook: "w", at: start)
        limiter.takeOver(
            "w",
            attempts: [
                RecentAttempt(deliveryId: "own", endedAt: start.addingTimeInterval(0.003)),
                RecentAttempt(deliveryId: "other", endedAt: start.addingTimeInterval(0.5)),
            ], limit: limit)
        // Its own end and the other node's: two in the window; counted twice, its own record
        // would push the wait to 1.003 s.
        #expect(limiter.decision(for: "w", limit: limit, at: start.addingTimeInterval(0.6)) == .at(start.addingTimeInterval(1)))

        let underWay = RecentAttempt(deliveryId: nil, endedAt: start.addingTimeInterval(10))
        limiter.takeOver("v", attempts: [underWay, underWay], limit: limit)
        #expect(limiter.decision(for: "v", limit: limit, at: start) == .at(start.addingTimeInterval(11)))
        limiter.takeOver("u", attempts: [underWay], limit: limit)
        #expect(limiter.decision(for: "u", limit: limit, at: start) == .now)
        limiter.started("u1", webhook: "u", limit: limit)
        limiter.ended("u1", webhook: "u", at: start.addingTimeInterval(0.1))
        // The dead node's possible attempt is the older of the last two only by its bound.
        #expect(limiter.decision(for: "u", limit: limit, at: start.addingTimeInterval(1.2)) == .at(start.addingTimeInterval(11)))
    }
}
