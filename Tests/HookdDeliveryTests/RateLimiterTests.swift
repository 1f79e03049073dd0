import Foundation
import HookdCore
import Testing

@testable import HookdDelivery

struct RateLimiterTests {
    let start = Date(timeIntervalSince1970: 1_000)

    @Test("a second's worth goes at once, then requests are spaced 1/rate apart")
    func pacing() {
        var limiter = RateLimiter()
        let limit = RateLimit(perSecond: 2)
        #expect(limiter.reserve(webhook: "w", limit: limit, at: start) == nil)
        #expect(limiter.reserve(webhook: "w", limit: limit, at: start) == nil)
        let wait = limiter.reserve(webhook: "w", limit: limit, at: start)
        #expect(wait == start.addingTimeInterval(0.5))
        #expect(limiter.reserve(webhook: "w", limit: limit, at: start.addingTimeInterval(0.5)) == nil)
        #expect(limiter.reserve(webhook: "w", limit: limit, at: start.addingTimeInterval(0.5)) == start.addingTimeInterval(1.0))
    }

    @Test("webhooks are paced separately, and an idle webhook starts afresh")
    func separate() {
        var limiter = RateLimiter()
        let limit = RateLimit(perSecond: 1)
        #expect(limiter.reserve(webhook: "a", limit: limit, at: start) == nil)
        #expect(limiter.reserve(webhook: "b", limit: limit, at: start) == nil)
        #expect(limiter.reserve(webhook: "a", limit: limit, at: start) != nil)
        limiter.forgetIdle(before: start.addingTimeInterval(10))
        #expect(limiter.reserve(webhook: "a", limit: limit, at: start.addingTimeInterval(10)) == nil)
    }
}
