import Foundation
internal import GRDB
import HookdCore

extension SQLiteStore {
    /// Stores events and fans each out, all in one transaction: every webhook of the event's
    /// account subscribed to its type whose filter (if any) the event's data matches gets a
    /// delivery (`pending` when enabled, `skipped` when disabled); an event a webhook's filter
    /// keeps out gets none there, and counts in `webhook_filter_counts`. An event whose id is already stored (also earlier in the same batch) is
    /// not stored again and gets no deliveries; its outcome carries the stored event.
    ///
    /// Timestamps are kept to the millisecond; the outcomes hold the values as stored. No
    /// node holds the new deliveries: the engine claims them (`DeliveryQueue`).
    public func publish(_ events: [Event], at now: Date) async throws -> [PublishOutcome] {
        let now = now.storedPrecision
        return try await database.write { db in
            var fanOut = FanOut(sealer: self.secretSealer, committed: self.committedWebhooks)
            var holding = Holding(owner: nil, room: 0)
            return try Self.insert(events, at: now, fanOut: &fanOut, holding: &holding, in: db)
        }
    }

    /// The body of `publish` inside a caller's transaction: new awaiting deliveries are held
    /// for `holding`'s owner while its room lasts (never a fifo webhook's: those go out in
    /// line order, through claims).
    static func insert(
        _ events: [Event], at now: Date, fanOut: inout FanOut, holding: inout Holding, in db: Database
    ) throws -> [PublishOutcome] {
        var sequence = try EventRecord.nextSequence(db)
        var outcomes: [PublishOutcome] = []
        outcomes.reserveCapacity(events.count)
        var filteredOut: [String: Int] = [:]
        for event in events {
            var event = event
            event.timestamp = event.timestamp.storedPrecision
            let position = sequence
            let record = try EventRecord(event, sequence: position)
            guard try record.insertRowIfNew(db) else {
                guard let stored = try EventRecord.stored(id: event.id, in: db) else {
                    throw HookdError(.internal, reason: "hookd.StoreInconsistent", "event \(event.id) was neither inserted nor found")
                }
                outcomes.append(PublishOutcome(event: try stored.event(), deliveries: [], duplicate: true))
                continue
            }
            sequence += 1
            var deliveries: [Delivery] = []
            for webhook in try fanOut.webhooks(of: event.account, in: db) where webhook.isSubscribed(to: event.type) {
                guard webhook.accepts(data: event.data) else {
                    filteredOut[webhook.id, default: 0] += 1
                    continue
                }
                let delivery = webhook.initialDelivery(for: event, at: now)
                let owner = holding.place(delivery, of: webhook, body: record.body, traceContext: record.traceContext)
                // In the webhook's line at the event's place: publish order.
                try DeliveryRecord(delivery, linePosition: position, leaseOwner: owner, fifo: webhook.ordering == .fifo)
                    .insertRow(db)
                deliveries.append(delivery)
            }
            outcomes.append(PublishOutcome(event: event, deliveries: deliveries, duplicate: false))
        }
        if !filteredOut.isEmpty {
            let count = try db.cachedStatement(
                sql: """
                    INSERT INTO webhook_filter_counts (webhook_id, filtered) VALUES (?, ?)
                    ON CONFLICT (webhook_id) DO UPDATE SET filtered = filtered + excluded.filtered
                    """)
            for (webhookId, filtered) in filteredOut.sorted(by: { $0.key < $1.key }) {
                try count.execute(arguments: [webhookId, filtered])
            }
        }
        return outcomes
    }

    /// How many events the webhook's filter has kept from it (0 when none yet).
    public func filteredEventCount(webhookId: String) async throws -> Int {
        try await database.read { db in
            try Int.fetchOne(
                db, sql: "SELECT filtered FROM webhook_filter_counts WHERE webhook_id = ?", arguments: [webhookId]) ?? 0
        }
    }

    /// Stores an event with a single `pending` delivery to one webhook, whatever it
    /// subscribes to (used by `Webhooks.Test`). `NOT_FOUND` when the webhook is gone,
    /// `ALREADY_EXISTS` when the event id is taken. No node holds the delivery.
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
            try DeliveryRecord(delivery, linePosition: sequence, fifo: target.ordering == WebhookOrdering.fifo.rawValue)
                .insert(db)
            return delivery
        }
    }
}

/// The webhooks of each account, loaded once per transaction however many of its events
/// the batch holds (`WebhooksSeen` keeps them), and in the writer's transactions taken from
/// the committed ones kept between transactions (`CommittedWebhooks`) when nothing changed
/// them since.
struct FanOut {
    /// Opens the webhooks' secrets when the store seals them.
    let sealer: SecretSealer?
    /// The writer's lists kept between transactions; `nil` outside the writer.
    private let committed: CommittedWebhooks?
    private var seen = WebhooksSeen()
    /// Webhooks' orderings read on their own (`isFifo`), by id.
    private var fifo: [String: Bool] = [:]

    /// `committed` only for the writer's transactions (a reader's snapshot may be older than
    /// the last commit).
    init(sealer: SecretSealer?, committed: CommittedWebhooks? = nil) {
        self.sealer = sealer
        self.committed = committed
    }

    mutating func webhooks(of account: String, in db: Database) throws -> [Webhook] {
        if let known = seen.webhooks(of: account) { return known }
        if let kept = committed?.webhooks(of: account) {
            seen.read(kept, of: account)
            return kept
        }
        // Cached statements: a small write runs these once per transaction, and compiling a
        // query-interface request each time cost more than the fan-out itself.
        let statement = try db.cachedStatement(sql: "SELECT * FROM webhooks WHERE account = ? ORDER BY name")
        let webhooks = try WebhookRecord.fetchAll(statement, arguments: [account]).map { try $0.webhook(sealer: sealer) }
        seen.read(webhooks, of: account)
        committed?.keep(webhooks, of: account)
        return webhooks
    }

    /// One webhook by id, as this transaction last wrote or read it; `nil` when gone.
    mutating func webhook(id: String, in db: Database) throws -> Webhook? {
        if let known = seen.webhook(id: id) { return known }
        let statement = try db.cachedStatement(sql: "SELECT * FROM webhooks WHERE id = ?")
        let webhook = try WebhookRecord.fetchOne(statement, arguments: [id])?.webhook(sealer: sealer)
        seen.read(webhook, id: id)
        return webhook
    }

    /// Whether the webhook `id` sends in fifo order, as this transaction sees it: from the
    /// webhook when the transaction has read it, else from its `ordering` column alone, which
    /// is all an attempt's end needs to know (decoding the whole webhook for it was a tenth of
    /// each end's time). False when the webhook is gone.
    mutating func isFifo(webhookId id: String, in db: Database) throws -> Bool {
        if let known = seen.webhook(id: id) { return known?.ordering == .fifo }
        if let known = fifo[id] { return known }
        let statement = try db.cachedStatement(sql: "SELECT ordering FROM webhooks WHERE id = ?")
        let isFifo = try String.fetchOne(statement, arguments: [id]) == WebhookOrdering.fifo.rawValue
        fifo[id] = isFifo
        return isFifo
    }

    /// Notes a webhook this transaction changed, so later reads in it see the change.
    mutating func changed(_ webhook: Webhook) {
        seen.changed(webhook)
        fifo[webhook.id] = nil
    }
}
