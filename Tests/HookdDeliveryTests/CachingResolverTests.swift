import HookdCore
import NIOCore
import Synchronization
import Testing

@testable import HookdDelivery

/// DNS answers kept briefly, and still judged by the policy on every use.
struct CachingResolverTests {
    @Test("an answer is reused until its time to live has passed, then looked up again")
    func reusesWithinTimeToLive() async throws {
        let resolver = FakeResolver(["api.example.com": ["93.184.216.34"]])
        let time = ManualTime()
        let cache = CachingResolver(resolver, timeToLive: .seconds(30), now: time.now)
        let first = try await cache.addresses(of: "api.example.com", timeout: .seconds(5))
        time.advance(by: .seconds(29))
        let second = try await cache.addresses(of: "api.example.com", timeout: .seconds(5))
        #expect(first == second)
        #expect(resolver.lookedUp == ["api.example.com"])
        time.advance(by: .seconds(2))
        _ = try await cache.addresses(of: "api.example.com", timeout: .seconds(5))
        #expect(resolver.lookedUp == ["api.example.com", "api.example.com"])
    }

    @Test("a failed lookup is not kept: the next attempt asks again")
    func failuresNotKept() async {
        let resolver = FakeResolver([:])
        let cache = CachingResolver(resolver, timeToLive: .seconds(30))
        for _ in 0..<2 {
            await #expect(throws: ResolutionFailure(host: "missing.example.test", reason: "Name or service not known")) {
                try await cache.addresses(of: "missing.example.test", timeout: .seconds(5))
            }
        }
        #expect(resolver.lookedUp == ["missing.example.test", "missing.example.test"])
    }

    @Test("cached addresses are judged by the policy in force at each use")
    func policyAppliesToCachedAnswers() async {
        let resolver = FakeResolver(["hooks.example.test": ["10.0.0.5"]])
        let cache = CachingResolver(resolver, timeToLive: .seconds(30))
        let allowing = TargetPinning(
            policy: TargetPolicy(allowInsecureTargets: false, allowedNetworks: [try! IPNetwork(cidr: "10.0.0.0/8")]),
            resolver: cache)
        let production = TargetPinning(policy: TargetPolicy(allowInsecureTargets: false), resolver: cache)
        let allowed = await allowing.decide(host: "hooks.example.test", timeout: .seconds(5))
        #expect(allowed == .connect([PinnedTarget(host: "hooks.example.test", address: IPAddress(literal: "10.0.0.5")!)]))
        guard case .refuse(let refusal) = await production.decide(host: "hooks.example.test", timeout: .seconds(5)) else {
            Issue.record("the cached private address passed a policy that forbids it")
            return
        }
        #expect(refusal.outcome.errorClass == .forbiddenAddress)
        #expect(resolver.lookedUp == ["hooks.example.test"])
    }

    @Test("concurrent attempts to a name not cached share one lookup")
    func concurrentCallersShareLookup() async throws {
        let resolver = GatedResolver(answer: [IPAddress(literal: "93.184.216.34")!])
        let cache = CachingResolver(resolver, timeToLive: .seconds(30))
        try await withThrowingTaskGroup(of: [IPAddress].self) { group in
            for _ in 0..<8 {
                group.addTask { try await cache.addresses(of: "api.example.com", timeout: .seconds(30)) }
            }
            await resolver.waitForLookup()
            resolver.open()
            for try await answer in group { #expect(answer == [IPAddress(literal: "93.184.216.34")!]) }
        }
        #expect(resolver.lookups == 1)
    }

    @Test("a caller whose timeout passes stops waiting for a lookup that hangs")
    func callerTimeout() async {
        let resolver = GatedResolver(answer: [])
        let cache = CachingResolver(resolver, timeToLive: .seconds(30))
        await #expect(throws: ResolutionFailure(host: "slow.example.test", reason: "no answer within 50ms")) {
            try await cache.addresses(of: "slow.example.test", timeout: Interval(milliseconds: 50))
        }
        resolver.open()
    }
}
