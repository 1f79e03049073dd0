import Foundation
import HookdCore
import HookdStore
import Synchronization
import Testing

@testable import HookdDelivery

/// A publish ticket hands its outcome over exactly once, to a task awaiting it or to a
/// callback, whether the callback comes before or after the commit settles it.
struct PublishTicketTests {
    /// What a callback was handed, and how many times.
    final class Received: Sendable {
        let results = Mutex<[Result<[PublishOutcome], any Error>]>([])
        var count: Int { results.withLock { $0.count } }
    }

    @Test("a callback registered before the commit is called once, when the ticket is settled")
    func callbackBeforeSettle() throws {
        let ticket = PublishTicket()
        let received = Received()
        ticket.whenSettled { result in received.results.withLock { $0.append(result) } }
        #expect(received.count == 0)
        ticket.settle(.success([]))
        ticket.settle(.failure(HookdError(.unavailable, reason: "hookd.Late", "ignored")))
        #expect(received.count == 1)
        let first = try #require(received.results.withLock { $0.first })
        #expect(try first.get() == [])
    }

    @Test("a callback registered after the commit is called at once with the outcome, errors included")
    func callbackAfterSettle() {
        let ticket = PublishTicket()
        ticket.settle(.failure(HookdError(.unavailable, reason: "hookd.StorageFull", "disk full")))
        let received = Received()
        ticket.whenSettled { result in received.results.withLock { $0.append(result) } }
        #expect(received.count == 1)
        #expect(throws: HookdError.self) { try received.results.withLock { $0[0] }.get() }
    }

    @Test("a task awaiting the ticket gets the outcome the commit settles it with")
    func awaited() async throws {
        let ticket = PublishTicket()
        async let outcomes = ticket.outcomes
        ticket.settle(.success([]))
        #expect(try await outcomes == [])
    }
}
