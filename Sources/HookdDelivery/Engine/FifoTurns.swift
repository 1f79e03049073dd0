/// Keeps each `fifo` webhook to one delivery at a time, taken in line order.
///
/// The store decides the order (`Store.lineHead`: publish order, re-queued deliveries at the
/// back). This holds, per fifo webhook, the delivery whose turn it is (queued for its next
/// attempt or under way) and parks the webhook's other deliveries that come due meanwhile.
/// When the holder ends, the turn passes to whatever the store then names first in line.
/// Which webhooks are fifo is learnt from what the store hands the engine (the backlog, each
/// attempt's work) and forgotten when an operator changes the webhook.
struct FifoTurns {
    /// Who has a fifo webhook's turn.
    enum Turn: Equatable {
        /// This delivery: it alone may be attempted.
        case held(String)
        /// The holder ended; the next one is being read from the store.
        case passing
    }

    /// What an attempt of a fifo webhook may do once its work is loaded.
    enum Clearance: Equatable {
        /// Go ahead: it is first in line and holds the turn.
        case go
        /// Wait: another delivery has the turn.
        case parked
        /// Wait: the store says this other delivery is first in line; the turn is now its.
        case parkedBehind(String)
    }

    private var fifoWebhooks: Set<String> = []
    private var turns: [String: Turn] = [:]
    private var parked: [String: Set<String>] = [:]

    /// Deliveries waiting for their webhook's turn.
    private(set) var parkedCount = 0

    /// Whether `webhook` is known to be fifo.
    func isFifo(_ webhook: String) -> Bool { fifoWebhooks.contains(webhook) }

    /// Whose turn it is at `webhook`, if anyone's.
    func turn(of webhook: String) -> Turn? { turns[webhook] }

    /// Whether the delivery waits for its webhook's turn.
    func isParked(_ deliveryId: String, webhook: String) -> Bool {
        parked[webhook]?.contains(deliveryId) ?? false
    }

    /// Notes that `webhook` is fifo (read from the store).
    mutating func learnFifo(_ webhook: String) {
        fifoWebhooks.insert(webhook)
    }

    /// Decides, when a delivery comes due, whether it may start: always for webhooks not
    /// known to be fifo; for fifo ones only when nobody else has the turn (then it takes it,
    /// to be confirmed by `claim` once its work is loaded). Otherwise it is parked.
    mutating func mayStart(_ deliveryId: String, webhook: String) -> Bool {
        guard fifoWebhooks.contains(webhook) else { return true }
        switch turns[webhook] {
        case nil:
            turns[webhook] = .held(deliveryId)
            return true
        case .held(deliveryId):
            return true
        default:
            park(deliveryId, webhook)
            return false
        }
    }

    /// Decides whether a delivery of a fifo webhook may be attempted, given `head`, the
    /// delivery the store names first in line in the same read as the work.
    mutating func claim(_ deliveryId: String, webhook: String, head: String?) -> Clearance {
        fifoWebhooks.insert(webhook)
        if let turn = turns[webhook], turn != .held(deliveryId) {
            park(deliveryId, webhook)
            return .parked
        }
        // The work and the head come from one snapshot, so an awaiting delivery always has a
        // head; none would mean the line is empty, and this one may go.
        guard let head, head != deliveryId else {
            turns[webhook] = .held(deliveryId)
            return .go
        }
        turns[webhook] = .held(head)
        unpark(head, webhook)
        park(deliveryId, webhook)
        return .parkedBehind(head)
    }

    /// Notes that a delivery left the engine (ended, or given up at shutdown). Returns true
    /// when it held its webhook's turn: the caller then reads the next head from the store
    /// and reports it with `passed(_:to:)`.
    mutating func ended(_ deliveryId: String, webhook: String) -> Bool {
        guard turns[webhook] == .held(deliveryId) else { return false }
        turns[webhook] = .passing
        return true
    }

    /// Hands the turn to `head`, the delivery the store now names first in line, and returns
    /// what to queue again: the head, or, when the line is empty or could not be read, every
    /// parked delivery (each is checked again when it comes round).
    mutating func passed(_ webhook: String, to head: String?) -> [String] {
        guard turns[webhook] == .passing else { return [] }
        guard let head else {
            turns[webhook] = nil
            return unparkAll(webhook)
        }
        turns[webhook] = .held(head)
        unpark(head, webhook)
        return [head]
    }

    /// Forgets what was known of `webhook` (an operator changed or deleted it) and returns
    /// its parked deliveries, to be queued and checked again.
    mutating func forget(_ webhook: String) -> [String] {
        fifoWebhooks.remove(webhook)
        turns[webhook] = nil
        return unparkAll(webhook)
    }

    /// The webhooks known to be fifo.
    var knownFifoWebhooks: Set<String> { fifoWebhooks }

    private mutating func park(_ deliveryId: String, _ webhook: String) {
        if parked[webhook, default: []].insert(deliveryId).inserted { parkedCount += 1 }
    }

    private mutating func unpark(_ deliveryId: String, _ webhook: String) {
        guard parked[webhook]?.remove(deliveryId) != nil else { return }
        parkedCount -= 1
        if parked[webhook]?.isEmpty == true { parked[webhook] = nil }
    }

    private mutating func unparkAll(_ webhook: String) -> [String] {
        let all = parked.removeValue(forKey: webhook) ?? []
        parkedCount -= all.count
        return all.sorted()
    }
}
