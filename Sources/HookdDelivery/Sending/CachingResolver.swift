import HookdCore
import NIOCore
import Synchronization

/// Keeps another resolver's answers for `timeToLive`, so attempts to a busy host do not
/// each wait for a lookup.
///
/// `getaddrinfo` reports no TTL, so a short fixed one stands in for it. Only the addresses
/// are kept: `TargetPinning` checks them against the policy on every use, so a policy change
/// applies at once. Failed lookups are not kept. Concurrent lookups of a name that is not
/// cached share one lookup, each caller still bounded by its own timeout.
final class CachingResolver: HostResolver {
    private enum Entry {
        case resolved([IPAddress], until: NIODeadline)
        /// A lookup under way and the callers waiting for it, by number.
        case resolving([Int: CheckedContinuation<Answer, Never>])
    }

    private typealias Answer = Result<[IPAddress], ResolutionFailure>

    private struct State {
        var entries: [String: Entry] = [:]
        var nextWaiter = 0
    }

    private let resolver: any HostResolver
    private let timeToLive: TimeAmount
    private let now: @Sendable () -> NIODeadline
    /// Guards the cached answers and the callers waiting for lookups under way.
    private let state = Mutex(State())

    /// - Parameters:
    ///   - now: the clock answers expire by (tests pass their own).
    init(
        _ resolver: any HostResolver, timeToLive: Interval, now: @escaping @Sendable () -> NIODeadline = { .now() }
    ) {
        self.resolver = resolver
        self.timeToLive = .milliseconds(timeToLive.milliseconds)
        self.now = now
    }

    func addresses(of host: String, timeout: Interval) async throws(ResolutionFailure) -> [IPAddress] {
        if let cached = cached(host) { return cached }
        let answer = await withCheckedContinuation { (continuation: CheckedContinuation<Answer, Never>) in
            let instant = self.now()
            let (waiter, startLookup) = state.withLock { state -> (Int?, Bool) in
                switch state.entries[host] {
                case .resolved(let addresses, let until) where instant < until:
                    continuation.resume(returning: .success(addresses))
                    return (nil, false)
                case .resolving(var waiters):
                    let number = state.nextWaiter
                    state.nextWaiter += 1
                    waiters[number] = continuation
                    state.entries[host] = .resolving(waiters)
                    return (number, false)
                case .resolved, nil:
                    let number = state.nextWaiter
                    state.nextWaiter += 1
                    state.entries[host] = .resolving([number: continuation])
                    return (number, true)
                }
            }
            guard let waiter else { return }
            if startLookup {
                Task { await self.lookUp(host, timeout: timeout) }
            }
            Task {
                try? await Task.sleep(for: timeout.duration)
                self.abandon(host, waiter: waiter, after: timeout)
            }
        }
        return try answer.get()
    }

    /// The unexpired answer kept for `host`.
    private func cached(_ host: String) -> [IPAddress]? {
        let instant = self.now()
        return state.withLock { state in
            guard case .resolved(let addresses, let until) = state.entries[host], instant < until else { return nil }
            return addresses
        }
    }

    /// Asks the wrapped resolver and answers everyone waiting for `host`.
    private func lookUp(_ host: String, timeout: Interval) async {
        let answer: Answer
        do {
            answer = .success(try await resolver.addresses(of: host, timeout: timeout))
        } catch {
            answer = .failure(error)
        }
        let expiry = now() + timeToLive
        let waiters = state.withLock { state -> [CheckedContinuation<Answer, Never>] in
            guard case .resolving(let waiters) = state.entries[host] else { return [] }
            switch answer {
            case .success(let addresses): state.entries[host] = .resolved(addresses, until: expiry)
            case .failure: state.entries[host] = nil
            }
            return Array(waiters.values)
        }
        for waiter in waiters { waiter.resume(returning: answer) }
    }

    /// Gives up on the lookup for one caller whose timeout passed.
    private func abandon(_ host: String, waiter: Int, after timeout: Interval) {
        let continuation = state.withLock { state -> CheckedContinuation<Answer, Never>? in
            guard case .resolving(var waiters) = state.entries[host], let continuation = waiters[waiter] else {
                return nil
            }
            waiters[waiter] = nil
            state.entries[host] = .resolving(waiters)
            return continuation
        }
        continuation?.resume(returning: .failure(ResolutionFailure(host: host, reason: "no answer within \(timeout)")))
    }
}
