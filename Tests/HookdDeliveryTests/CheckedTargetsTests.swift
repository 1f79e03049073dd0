import Foundation
import HookdCore
import Testing

@testable import HookdDelivery

/// The sender's table of URL verdicts: the policy's answer, kept, and bounded.
struct CheckedTargetsTests {
    @Test("a URL the policy accepts gives its request target; one it refuses gives the policy's reason")
    func verdicts() {
        let targets = CheckedTargets(policy: TargetPolicy(allowInsecureTargets: false))
        guard case .send(let target) = targets.verdict(on: "https://crm.example.com:8443/hooks?v=2") else {
            Issue.record("an https URL was refused")
            return
        }
        #expect(target == RequestTarget(URL(string: "https://crm.example.com:8443/hooks?v=2")!))
        #expect(target.hostHeader == "crm.example.com:8443")
        guard case .refuse(let reason) = targets.verdict(on: "http://crm.example.com/hooks") else {
            Issue.record("plain http was accepted without --allow-insecure-targets")
            return
        }
        #expect(reason.contains("plain http is refused"))
        // Asked again, the same verdicts come from the table.
        #expect(targets.count == 2)
        if case .refuse = targets.verdict(on: "http://crm.example.com/hooks") {} else { Issue.record("verdict changed") }
        #expect(targets.count == 2)
    }

    @Test("the table never holds more than its capacity, whatever URLs come")
    func bounded() {
        let targets = CheckedTargets(policy: TargetPolicy(allowInsecureTargets: true), capacity: 8)
        for index in 0..<100 {
            _ = targets.verdict(on: "http://127.0.0.1:\(1000 + index)/")
            #expect(targets.count <= 8)
        }
        guard case .send(let target) = targets.verdict(on: "http://127.0.0.1:1099/") else {
            Issue.record("a loopback URL was refused with --allow-insecure-targets")
            return
        }
        #expect(target.port == 1099)
    }
}
