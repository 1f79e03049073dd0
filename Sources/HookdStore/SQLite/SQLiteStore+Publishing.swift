import Foundation
internal import GRDB
import HookdCore

extension SQLiteStore {
    /// Stores events and fans each out, all in one transaction: every webhook of the event's
    /// account subscribed to its type gets a delivery (`pending` when enabled, `skipped` when
    /// disabled). An event whose id is already stored (also earlier in the same batch) is
    /// not stored again and gets no deliveries; its outcome carries the stored event.
    ///
    /// Timestamps are kept to the millisecond; the outcomes hold the values as stored.
    public func publish(_ events: [Event], at now: Date) async throws -> [PublishOutcome] {
        let now = now.storedPrecision
        return try await database.write { db in
            var fanOut = FanOut()
            var sequence = try EventRecord.nextSequence(db)
            var outcomes: [PublishOutcome] = []
            outcomes.reserveCapacity(events.count)
            for event in events {
                if let stored = try EventRecord.fetchOne(db, key: event.id) {
                    outcomes.append(PublishOutcome(event: try stored.event(), deliveries: [], duplicate: true))
                    continue
                }
                var event = event
                event.timestamp = event.timestamp.storedPrecision
                let position = sequence
                try EventRecord(event, sequence: position).insert(db)
                sequence += 1
                let deliveries = try fanOut.webhooks(of: event.account, in: db)
                    .filter { $0.isSubscribed(to: event.type) }
                    .map { $0.initialDelivery(for: event, at: now) }
                for delivery in deliveries {
                    // In the webhook's line at the event's place: publish order.
                    try DeliveryRecord(delivery, linePosition: position).insert(db)
                }
                outcomes.append(PublishOutcome(event: event, deliveries: deliveries, duplicate: false))
            }
            return outcomes
        }
    }

    /// Stores an event with a single `pending` delivery to one webhook, whatever it
    /// subscribes to (used by `Webhooks.Test`). `NOT_FOUND` when the webhook is gone,
    /// `ALREADY_EXISTS` when the event id is taken.
    public func publish(_ event: Event, to webhook: Webhook, at now: Date) async throws -> Delivery {
        let now = now.storedPrecision
        return try await database.write { db in
            guard let target = try WebhookRecord.fetchOne(db, key: webhook.id) else {
                throw HookdError.notFound(.webhook, webhook.qualifiedName)
            }
            if try EventRecord.exists(db, key: event.id) {
                throw HookdError.alreadyExists(.event, event.id)
            }
            var event = event
            event.timestamp = event.timestamp.storedPrecision
            let sequence = try EventRecord.nextSequence(db)
            try EventRecord(event, sequence: sequence).insert(db)
            let delivery = Delivery(
                eventId: event.id, eventType: event.type, account: target.account, webhookId: target.id,
                webhookName: target.name, status: .pending, nextAttemptAt: now, nextTrigger: .manual, createdAt: now)
            try DeliveryRecord(delivery, linePosition: sequence).insert(db)
            return delivery
        }
    }
}

/// The webhooks of each account, loaded once per publish transaction however many of its
/// events the batch holds.
private struct FanOut {
    private var byAccount: [String: [Webhook]] = [:]

    mutating func webhooks(of account: String, in db: Database) throws -> [Webhook] {
        if let known = byAccount[account] { return known }
        let webhooks = try WebhookRecord.filter { $0.account == account }.order(\.name).fetchAll(db)
            .map { try $0.webhook() }
        byAccount[account] = webhooks
        return webhooks
    }
}
