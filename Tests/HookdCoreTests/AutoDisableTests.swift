import Foundation
import HookdCore
import Testing

struct AutoDisableTests {
    let start = Date(timeIntervalSince1970: 1_700_000_000)

    @Test("exhausted deliveries count up from the first failure; one delivered resets everything")
    func health() {
        var health = WebhookHealth.healthy
        health = health.after(deliveryEndedAs: .failed, at: start)
        health = health.after(deliveryEndedAs: .skipped, at: start.addingTimeInterval(5))
        health = health.after(deliveryEndedAs: .failed, at: start.addingTimeInterval(10))
        #expect(health == WebhookHealth(consecutiveExhausted: 2, failingSince: start))
        #expect(health.after(deliveryEndedAs: .delivered, at: start.addingTimeInterval(20)) == .healthy)
    }

    @Test("the policy disables at the count or after the duration, whichever comes first, and says why")
    func policy() {
        let policy = AutoDisablePolicy(maximumConsecutiveExhausted: 3, maximumFailingDuration: .hours(1))
        let two = WebhookHealth(consecutiveExhausted: 2, failingSince: start)
        #expect(policy.disableReason(for: two, at: start.addingTimeInterval(60)) == nil)
        #expect(policy.disableReason(for: two, at: start.addingTimeInterval(3600))?.contains("failing since") == true)
        let three = WebhookHealth(consecutiveExhausted: 3, failingSince: start)
        #expect(policy.disableReason(for: three, at: start)?.contains("3 deliveries in a row") == true)
        let never = AutoDisablePolicy(maximumConsecutiveExhausted: nil, maximumFailingDuration: nil)
        #expect(never.disableReason(for: WebhookHealth(consecutiveExhausted: 1000, failingSince: .distantPast), at: start) == nil)
        #expect(policy.disableReason(for: .healthy, at: start) == nil)
    }
}
