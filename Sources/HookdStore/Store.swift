import Foundation
import HookdCore

/// The durable state of hookd: accounts, the event-type catalog, webhooks, events, their
/// deliveries and every attempt.
///
/// Callers (RPC handlers, the delivery engine) depend only on this protocol, so another
/// database (PostgreSQL) can stand behind it without touching them. Every method either
/// commits completely or throws and changes nothing. Errors meant for callers are
/// `HookdError`s (`NOT_FOUND`, `ALREADY_EXISTS`, `FAILED_PRECONDITION`).
public protocol Store: DeliveryQueue {
    // MARK: Accounts

    /// Adds an account; `ALREADY_EXISTS` when the name is taken.
    func createAccount(_ account: Account) async throws
    /// Replaces an existing account's plan and managed flag; `NOT_FOUND` when absent.
    func updateAccount(_ account: Account) async throws
    func account(named name: String) async throws -> Account?
    /// All accounts, by name.
    func accounts() async throws -> [Account]
    /// Removes an account; `NOT_FOUND` when absent, `FAILED_PRECONDITION` while it still has
    /// webhooks.
    func deleteAccount(named name: String) async throws

    // MARK: Event types

    /// Adds an event type; `ALREADY_EXISTS` when the name is taken.
    func createEventType(_ eventType: EventType) async throws
    /// Replaces an existing event type; `NOT_FOUND` when absent.
    func updateEventType(_ eventType: EventType) async throws
    func eventType(named name: String) async throws -> EventType?
    /// All event types, by name.
    func eventTypes() async throws -> [EventType]
    /// Every account and event type as last committed, in one value; cheap to call on
    /// every publish (an implementation keeps it in memory until either changes).
    func catalog() async throws -> Catalog
    /// Removes an event type; `NOT_FOUND` when absent, `FAILED_PRECONDITION` while a webhook
    /// subscribes to it by its exact name.
    func deleteEventType(named name: String) async throws

    // MARK: Webhooks

    /// Adds a webhook; `NOT_FOUND` for an unknown account, `ALREADY_EXISTS` when the account
    /// already has one of that name, `FAILED_PRECONDITION` when the account's plan allows no
    /// more webhooks.
    func createWebhook(_ webhook: Webhook) async throws
    /// Replaces the webhook with the same `id`; `NOT_FOUND` when absent.
    func updateWebhook(_ webhook: Webhook) async throws
    func webhook(id: String) async throws -> Webhook?
    /// The webhooks with this name, in any account (so `NAME` can be resolved or reported
    /// as ambiguous).
    func webhooks(named name: String) async throws -> [Webhook]
    /// All webhooks, or those of one account, by account then name.
    func webhooks(account: String?) async throws -> [Webhook]
    /// Removes a webhook with its deliveries and attempts; `NOT_FOUND` when absent.
    func deleteWebhook(id: String) async throws
    /// How many published events the webhook's filter kept from it.
    func filteredEventCount(webhookId: String) async throws -> Int

    // MARK: Configuration as code

    /// Every account, event type and webhook with the state revision, read in one
    /// transaction so they are consistent with each other.
    func configurationSnapshot() async throws -> ConfigurationSnapshot
    /// Runs `plan` on the live configuration inside one write transaction and performs the
    /// writes it returns, all or nothing, advancing the state revision once when there are
    /// any. Applies cannot interleave: the transaction holds the single writer, so the
    /// snapshot `plan` sees is still current when its writes run. Returns the revision
    /// after the apply and what `plan` returned besides its writes.
    func applyConfiguration<Outcome: Sendable>(
        _ plan: @escaping @Sendable (ConfigurationSnapshot) throws -> (writes: [ConfigurationWrite], outcome: Outcome)
    ) async throws -> (stateRevision: Int64, outcome: Outcome)

    // MARK: Events and deliveries

    /// Stores events and fans each out, all in one transaction: every webhook of the event's
    /// account subscribed to its type gets a delivery (`pending` when enabled, `skipped` when
    /// disabled). An event whose id already exists is not stored again and gets no
    /// deliveries; its outcome says so and carries the stored event.
    func publish(_ events: [Event], at now: Date) async throws -> [PublishOutcome]
    /// Stores an event with a single delivery to one webhook, regardless of subscriptions
    /// (used by `Webhooks.Test`); its attempt is recorded as triggered `manual`ly.
    func publish(_ event: Event, to webhook: Webhook, at now: Date) async throws -> Delivery
    func event(id: String) async throws -> Event?
    /// Events newest first.
    func events(_ filter: EventFilter) async throws -> [Event]
    func delivery(id: String) async throws -> Delivery?
    /// Deliveries newest first (or oldest first when the filter says so).
    func deliveries(_ filter: DeliveryFilter) async throws -> [Delivery]
    /// A delivery's attempts, first to last.
    func attempts(deliveryId: String) async throws -> [Attempt]
    /// Makes ended deliveries await one more attempt (a redeliver or recover by an operator),
    /// all or nothing: each goes to the back of its webhook's line, these in the order they
    /// were first published, due from `now` a millisecond apart in that order, with
    /// `trigger` as what the attempt is for. Returns them in that order. `NOT_FOUND` for an
    /// unknown delivery, `FAILED_PRECONDITION` (`hookd.DeliveryInProgress`) for one still
    /// awaiting an attempt. No node holds them: the engine claims them (`DeliveryQueue`).
    func requeue(deliveryIds: [String], trigger: AttemptTrigger, at now: Date) async throws -> [Delivery]
    /// Removes events published before `cutoff` with their deliveries and attempts, except
    /// events that still have a delivery awaiting an attempt; deletes in chunks of
    /// `batchSize` so no single write holds the database long, and audit entries older than
    /// `cutoff`. Returns how many events went.
    func prune(before cutoff: Date, batchSize: Int) async throws -> Int
    /// Counts for `Daemon.Status`.
    func statistics() async throws -> ResourceCounts
    /// Every daemon listed as a holder of work (`queue_nodes`), by node id, with how many
    /// deliveries each holds, for `Daemon.Status`.
    func nodes() async throws -> [QueueNode]
    /// Commits a write that changes nothing, to find whether the storage takes writes again
    /// after a fault (`StorageFault`).
    func probeWrite() async throws
    /// Reads one row of the store's own bookkeeping, to find whether it answers, at a cost
    /// that does not grow with the history (`Daemon.Health`, which probes poll).
    func probeRead() async throws

    /// Appends an entry to the audit log.
    func recordAudit(_ entry: AuditEntry) async throws
    /// The audit log, newest first: entries since `since` (all when `nil`), of one `uid`
    /// when given, at most `limit`.
    func auditEntries(since: Date?, uid: UInt32?, limit: Int) async throws -> [AuditEntry]
}

/// What `Store.publish` did with one event.
public struct PublishOutcome: Sendable, Equatable {
    /// The stored event (for a duplicate: the one stored first).
    public var event: Event
    /// The deliveries created for it; empty for a duplicate.
    public var deliveries: [Delivery]
    /// True when an event with that id already existed.
    public var duplicate: Bool

    public init(event: Event, deliveries: [Delivery], duplicate: Bool) {
        self.event = event
        self.deliveries = deliveries
        self.duplicate = duplicate
    }
}

/// A delivery with everything its next attempt needs: what the queue hands the engine and
/// the engine hands the sender.
public struct DeliveryWork: Sendable, Equatable {
    public var delivery: Delivery
    /// The webhook as the store had it when the work was handed out (the engine prefers its
    /// own, fresher copy when it has one).
    public var webhook: Webhook
    /// The exact envelope bytes to POST (the same for every attempt).
    public var body: Data
    /// The event's W3C trace context, sent as `traceparent` (and `tracestate`) headers.
    public var traceContext: TraceContext?

    public init(delivery: Delivery, webhook: Webhook, body: Data, traceContext: TraceContext? = nil) {
        self.delivery = delivery
        self.webhook = webhook
        self.body = body
        self.traceContext = traceContext
    }
}

/// A delivery that awaits an attempt, and when.
public struct DueDelivery: Sendable, Equatable {
    public var deliveryId: String
    public var webhookId: String
    public var dueAt: Date
    /// True for a delivery's first try; false for a re-send (retry, redelivery of one
    /// tried before, recovery). See `Delivery.awaitsFirstAttempt`.
    public var isFirstAttempt: Bool
    /// How the delivery's webhook is sent to.
    public var ordering: WebhookOrdering

    public init(
        deliveryId: String, webhookId: String, dueAt: Date, isFirstAttempt: Bool = true,
        ordering: WebhookOrdering = .unordered
    ) {
        self.deliveryId = deliveryId
        self.webhookId = webhookId
        self.dueAt = dueAt
        self.isFirstAttempt = isFirstAttempt
        self.ordering = ordering
    }
}

/// Which deliveries to list.
public struct DeliveryFilter: Sendable, Equatable {
    public var webhookId: String?
    public var eventId: String?
    public var status: DeliveryStatus?
    /// Only deliveries in one of these statuses (with `status`, both must hold).
    public var statuses: Set<DeliveryStatus>?
    /// Only deliveries created at or after this instant.
    public var createdFrom: Date?
    /// Only deliveries created before this instant.
    public var createdBefore: Date?
    /// Oldest first instead of newest first.
    public var oldestFirst: Bool
    /// At most this many.
    public var limit: Int

    public init(
        webhookId: String? = nil, eventId: String? = nil, status: DeliveryStatus? = nil,
        statuses: Set<DeliveryStatus>? = nil, createdFrom: Date? = nil, createdBefore: Date? = nil,
        oldestFirst: Bool = false, limit: Int = 100
    ) {
        self.webhookId = webhookId
        self.eventId = eventId
        self.status = status
        self.statuses = statuses
        self.createdFrom = createdFrom
        self.createdBefore = createdBefore
        self.oldestFirst = oldestFirst
        self.limit = limit
    }
}

/// Which events to list.
public struct EventFilter: Sendable, Equatable {
    public var account: String?
    public var type: String?
    /// At most this many, newest first.
    public var limit: Int

    public init(account: String? = nil, type: String? = nil, limit: Int = 100) {
        self.account = account
        self.type = type
        self.limit = limit
    }
}
