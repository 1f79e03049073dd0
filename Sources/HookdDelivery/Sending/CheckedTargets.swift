import Foundation
import HookdCore
import Synchronization

/// What the URL policy said about each webhook URL met so far: where to send, or why not.
///
/// The policy is fixed for the sender's life, so its verdict on a URL string never
/// changes; parsing and checking it on every attempt cost about a tenth of the sender's
/// CPU. The address check, which depends on DNS, is not cached here (`TargetPinning`).
/// The table is emptied when it reaches `capacity`, which bounds it whatever URLs come.
final class CheckedTargets: Sendable {
    /// A URL's verdict.
    enum Verdict: Sendable {
        case send(RequestTarget)
        case refuse(String)
    }

    private let policy: TargetPolicy
    private let capacity: Int
    /// Guards the verdicts by URL.
    private let verdicts = Mutex<[String: Verdict]>([:])

    init(policy: TargetPolicy, capacity: Int = 10_000) {
        self.policy = policy
        self.capacity = capacity
    }

    /// The verdict on `url`, from the table or checked now.
    func verdict(on url: String) -> Verdict {
        if let known = verdicts.withLock({ $0[url] }) { return known }
        let verdict = Self.check(url, against: policy)
        verdicts.withLock { table in
            if table.count >= capacity { table.removeAll(keepingCapacity: true) }
            table[url] = verdict
        }
        return verdict
    }

    /// How many verdicts are kept (for tests).
    var count: Int { verdicts.withLock { $0.count } }

    private static func check(_ text: String, against policy: TargetPolicy) -> Verdict {
        let url: URL
        do {
            url = try policy.check(text)
        } catch {
            return .refuse(error.message)
        }
        guard let target = RequestTarget(url) else { return .refuse("\(text) has no host") }
        return .send(target)
    }
}
