import Foundation
import HookdCore
import HookdDelivery
import HookdStore

/// An in-memory `DeliveryQueue`: publishes fan out to every enabled webhook it knows,
/// claims come from `claimable`, and every write is recorded. Claims and writes can be held
/// back by a gate, and made to fail, to see what the engine does meanwhile.
final class FakeQueue: DeliveryQueue {
    struct State: Sendable {
        var webhooks: [Webhook]
        var claimable: [DeliveryWork] = []
        var writes: [QueueWrite] = []
        var released: [String] = []
        var registered: [String] = []
        var writeGateOpen = true
        var claimGateOpen = true
        var failingClaims = 0
        /// Claims begun (and maybe waiting at the gate).
        var claimsBegun = 0
        var failingWrites = 0
        /// Writes begun (and maybe waiting at the gate).
        var writesBegun = 0

        var completions: [AttemptCompletion] { writes.flatMap(\.completions) }
    }

    let watch: StateWatch<State>

    init(webhooks: [Webhook], claimable: [DeliveryWork] = []) {
        watch = StateWatch(State(webhooks: webhooks, claimable: claimable))
    }

    func register(node: String, at now: Date) async throws {
        watch.change { $0.registered.append(node) }
    }

    func heartbeat(node: String, at now: Date) async throws {}

    func claim(owner: String, limit: Int, dueBy: Date) async throws -> ClaimedWork {
        watch.change { $0.claimsBegun += 1 }
        // A claim cut short by cancellation throws, as the stores' reads do.
        await watch.wait { $0.claimGateOpen }
        try Task.checkCancellation()
        return try watch.change { state in
            if state.failingClaims > 0 {
                state.failingClaims -= 1
                throw FakeStoreFault()
            }
            let due = state.claimable.filter { ($0.delivery.nextAttemptAt ?? .distantPast) <= dueBy }.prefix(limit)
            let taken = Set(due.map(\.delivery.id))
            state.claimable.removeAll { taken.contains($0.delivery.id) }
            return ClaimedWork(work: Array(due), nextDueAt: state.claimable.compactMap(\.delivery.nextAttemptAt).min())
        }
    }

    func write(_ batch: QueueWrite) async throws -> QueueWriteReceipt {
        watch.change { $0.writesBegun += 1 }
        await watch.wait { $0.writeGateOpen }
        return try watch.change { state in
            if state.failingWrites > 0 {
                state.failingWrites -= 1
                throw FakeStoreFault()
            }
            state.writes.append(batch)
            var receipt = QueueWriteReceipt()
            var room = batch.room
            for events in batch.publishes {
                var outcomes: [PublishOutcome] = []
                for event in events {
                    var deliveries: [Delivery] = []
                    for webhook in state.webhooks {
                        let delivery = webhook.initialDelivery(for: event, at: batch.now)
                        deliveries.append(delivery)
                        guard delivery.status.isAwaitingAttempt else { continue }
                        let work = DeliveryWork(delivery: delivery, webhook: webhook, body: Data(event.id.utf8))
                        if room > 0 {
                            room -= 1
                            receipt.handedOver.append(work)
                        } else {
                            state.claimable.append(work)
                            receipt.leftInStore = true
                        }
                    }
                    outcomes.append(PublishOutcome(event: event, deliveries: deliveries, duplicate: false))
                }
                receipt.published.append(outcomes)
            }
            return receipt
        }
    }

    func release(deliveryIds: [String], owner: String) async throws {
        watch.change { $0.released += deliveryIds }
    }
}

/// The error a failing fake write throws.
struct FakeStoreFault: Error {}

/// A sender whose answers a test chooses, recording every attempt; attempts can be held
/// until the test lets them answer.
final class FakeSender: AttemptSender {
    struct State: Sendable {
        var sent: [DeliveryWork] = []
        var holding = false
        var underWay = 0
    }

    let watch = StateWatch(State())
    private let answer: @Sendable (DeliveryWork) -> AttemptResult

    init(answer: @escaping @Sendable (DeliveryWork) -> AttemptResult = { _ in AttemptResult(.response(statusCode: 200, body: "")) }) {
        self.answer = answer
    }

    func send(_ work: DeliveryWork, timestamp: Int64) async -> AttemptResult {
        watch.change {
            $0.sent.append(work)
            $0.underWay += 1
        }
        await watch.wait { !$0.holding }
        watch.change { $0.underWay -= 1 }
        return answer(work)
    }
}
