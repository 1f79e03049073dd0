import HookdCore
import HookdDelivery
import Synchronization

/// DNS as a test wants it: fixed answers by name, every lookup counted.
final class FakeResolver: HostResolver {
    private let answers: [String: [IPAddress]]
    /// Guards the names looked up so far, in order.
    private let lookups = Mutex<[String]>([])

    /// `answers` maps names to their addresses, written as literals; other names fail.
    init(_ answers: [String: [String]]) {
        self.answers = answers.mapValues { $0.map { IPAddress(literal: $0)! } }
    }

    /// The names looked up so far, in order.
    var lookedUp: [String] { lookups.withLock { $0 } }

    func addresses(of host: String, timeout: Interval) async throws(ResolutionFailure) -> [IPAddress] {
        lookups.withLock { $0.append(host) }
        guard let addresses = answers[host] else {
            throw ResolutionFailure(host: host, reason: "Name or service not known")
        }
        return addresses
    }
}
