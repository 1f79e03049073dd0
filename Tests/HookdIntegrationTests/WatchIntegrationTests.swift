import Foundation
import HookdAPI
import HookdCore
import HookdRPC
import HookdSchema
import HookdTesting
import Testing

/// `Deliveries.Watch`, `Events.Watch` and `Watch.Cancel` on the real daemon: the answer,
/// then each committed change as a notification on the same connection.
@Suite(.timeLimit(.minutes(1)))
struct WatchIntegrationTests {
    @Test("a delivery watch answers, then reports the published event's delivery and its attempt, in cursor order")
    func attemptsOfAPublish() async throws {
        try await withReceiver { receiver in
            try await withDaemon { _, client in
                try await Loyalty.seed(client)
                _ = try await Loyalty.webhook(client, name: "crm", url: receiver.url, events: ["customer.*"])
                var inbox = try await WatchInbox(client)
                let started = try await client.call(.deliveriesWatch, DeliveryWatchParams())
                #expect(started.deliveries.isEmpty)
                let published = try await Loyalty.publish(client, type: "customer.created")
                let notices = try await inbox.deliveries(of: started.watch) { $0.change == .attempted }
                #expect(notices.map(\.change) == [.created, .attempted])
                let holds1 = notices.allSatisfy { $0.delivery.eventId == published.event.id }
                #expect(holds1)
                #expect(notices[0].delivery.status == .pending)
                #expect(notices[1].delivery.status == .delivered)
                #expect(notices[1].attempt?.statusCode == 200)
                #expect(notices[1].attempt?.number == 1)
                #expect(notices[0].cursor > started.cursor && notices[1].cursor > notices[0].cursor)
                // Each notice is what the daemon's own document says it is.
                let document = try await client.call(name: OpenRPCDocument.discoverMethod, EmptyParams(), as: JSONValue.self)
                let schema = try ContractSchemas(document).compile(["$ref": "#/components/schemas/DeliveryWatchNotice"])
                for notification in inbox.seen {
                    #expect(schema.validate(notification.params).isEmpty, "\(notification.params)")
                }
                // A later watch's snapshot holds the delivery.
                let again = try await client.call(.deliveriesWatch, DeliveryWatchParams(snapshot: 5))
                #expect(again.deliveries.map(\.id) == [notices[1].delivery.id])
            }
        }
    }

    @Test("filters: webhook, account, event type and status each keep out what they do not name")
    func filters() async throws {
        try await withReceiver { receiver in
            try await withDaemon { _, client in
                try await Loyalty.seed(client)
                try await Loyalty.seed(client, account: "acc_other")
                _ = try await Loyalty.webhook(client, name: "crm", url: receiver.url, events: ["customer.*"])
                _ = try await Loyalty.webhook(client, name: "ledger", url: receiver.url, events: ["*"])
                _ = try await Loyalty.webhook(client, name: "elsewhere", url: receiver.url, events: ["*"], account: "acc_other")
                var inbox = try await WatchInbox(client)
                let everything = try await client.call(.deliveriesWatch, DeliveryWatchParams())
                let crm = try await client.call(.deliveriesWatch, DeliveryWatchParams(webhook: "\(Loyalty.account)/crm"))
                let other = try await client.call(.deliveriesWatch, DeliveryWatchParams(account: "acc_other"))
                let rewards = try await client.call(.deliveriesWatch, DeliveryWatchParams(eventType: "reward.*"))
                let delivered = try await client.call(.deliveriesWatch, DeliveryWatchParams(status: "delivered"))

                // First what none of the narrow watches but `rewards` and `delivered` takes:
                // a reward to the ledger only. Everything sees its attempt end.
                let reward = try await Loyalty.publish(client, type: "reward.issued")
                _ = try await inbox.deliveries(of: everything.watch) {
                    $0.delivery.eventId == reward.event.id && $0.change == .attempted
                }
                // Then a customer event to crm, ledger and (another account) elsewhere.
                let customer = try await Loyalty.publish(client, type: "customer.created")
                let other1 = try await Loyalty.publish(client, type: "customer.created", account: "acc_other")
                let crmSeen = try await inbox.deliveries(of: crm.watch) {
                    $0.delivery.eventId == customer.event.id && $0.change == .attempted
                }
                let holds2 = crmSeen.allSatisfy { $0.delivery.webhookName == "crm" && $0.delivery.eventId == customer.event.id }
                #expect(holds2)
                let otherSeen = try await inbox.deliveries(of: other.watch) {
                    $0.delivery.eventId == other1.event.id && $0.change == .attempted
                }
                let holds3 = otherSeen.allSatisfy { $0.delivery.account == "acc_other" }
                #expect(holds3)
                let rewardSeen = try await inbox.deliveries(of: rewards.watch) { $0.change == .attempted }
                let holds4 = rewardSeen.allSatisfy { $0.delivery.eventType == "reward.issued" }
                #expect(holds4)
                let deliveredSeen = try await inbox.deliveries(of: delivered.watch) {
                    $0.delivery.eventId == other1.event.id
                }
                let holds5 = deliveredSeen.allSatisfy { $0.delivery.status == .delivered && $0.change == .attempted }
                #expect(holds5)
                #expect(Set(deliveredSeen.map(\.delivery.eventId)).isSuperset(of: [reward.event.id, customer.event.id]))
            }
        }
    }

    @Test("bad filters are refused naming the field: unknown webhook, account or status")
    func badFilters() async throws {
        try await withDaemon { _, client in
            try await Loyalty.seed(client)
            for (params, reason) in [
                (DeliveryWatchParams(webhook: "nope"), "hookd.WebhookNotFound"),
                (DeliveryWatchParams(account: "acc_nope"), "hookd.AccountNotFound"),
                (DeliveryWatchParams(status: "sent"), "hookd.InvalidArgument"),
            ] {
                let error = await #expect(throws: RPCRemoteError.self) {
                    _ = try await client.call(.deliveriesWatch, params)
                }
                #expect(error?.data?.reason == reason)
            }
        }
    }

    @Test("Watch.Cancel stops a watch: nothing of it comes after the answer; another watch on the connection goes on")
    func cancel() async throws {
        try await withReceiver { receiver in
            try await withDaemon { _, client in
                try await Loyalty.seed(client)
                _ = try await Loyalty.webhook(client, name: "crm", url: receiver.url, events: ["customer.*"])
                var inbox = try await WatchInbox(client)
                let first = try await client.call(.deliveriesWatch, DeliveryWatchParams())
                let cancelled = try await client.call(.watchCancel, WatchCancelParams(watch: first.watch))
                #expect(cancelled.cancelled)
                let again = try await client.call(.watchCancel, WatchCancelParams(watch: first.watch))
                #expect(!again.cancelled)
                let second = try await client.call(.deliveriesWatch, DeliveryWatchParams())
                let published = try await Loyalty.publish(client, type: "customer.created")
                _ = try await inbox.deliveries(of: second.watch) {
                    $0.delivery.eventId == published.event.id && $0.change == .attempted
                }
                #expect(!inbox.watches.contains(first.watch))
            }
        }
    }

    @Test("an event watch reports the published events of its type, with their delivery counts")
    func events() async throws {
        try await withReceiver { receiver in
            try await withDaemon { _, client in
                try await Loyalty.seed(client)
                _ = try await Loyalty.webhook(client, name: "crm", url: receiver.url, events: ["customer.*"])
                var inbox = try await WatchInbox(client)
                let watch = try await client.call(.eventsWatch, EventWatchParams(type: "customer.*"))
                _ = try await client.publish(batch: [
                    EventInput(account: Loyalty.account, type: "reward.issued", data: [:], id: "evt-watch-1"),
                    EventInput(account: Loyalty.account, type: "customer.created", data: [:], id: "evt-watch-2"),
                ])
                let notices = try await inbox.events(of: watch.watch) { _ in true }
                #expect(notices.map(\.event.id) == ["evt-watch-2"])
                #expect(notices[0].deliveries == 1)
                let snapshot = try await client.call(.eventsWatch, EventWatchParams(account: Loyalty.account))
                #expect(Set(snapshot.events.map(\.id)) == ["evt-watch-1", "evt-watch-2"])
            }
        }
    }

    @Test("a watch resumes after the last cursor it saw, getting what it missed; an unknown cursor is refused")
    func resume() async throws {
        try await withReceiver { receiver in
            try await withDaemon { _, client in
                try await Loyalty.seed(client)
                _ = try await Loyalty.webhook(client, name: "crm", url: receiver.url, events: ["customer.*"])
                var inbox = try await WatchInbox(client)
                // Keeps the feed watched throughout, as a second client would.
                let keeper = try await client.call(.deliveriesWatch, DeliveryWatchParams(snapshot: 0))
                let first = try await client.call(.deliveriesWatch, DeliveryWatchParams())
                let a = try await Loyalty.publish(client, type: "customer.created")
                let seen = try await inbox.deliveries(of: first.watch) {
                    $0.delivery.eventId == a.event.id && $0.change == .attempted
                }
                let last = try #require(seen.last?.cursor)
                _ = try await client.call(.watchCancel, WatchCancelParams(watch: first.watch))
                let b = try await Loyalty.publish(client, type: "customer.updated")
                _ = try await inbox.deliveries(of: keeper.watch) {
                    $0.delivery.eventId == b.event.id && $0.change == .attempted
                }
                let resumed = try await client.call(.deliveriesWatch, DeliveryWatchParams(after: last))
                #expect(resumed.cursor == last)
                #expect(resumed.deliveries.isEmpty)
                let missed = try await inbox.deliveries(of: resumed.watch) {
                    $0.delivery.eventId == b.event.id && $0.change == .attempted
                }
                let onlyB = missed.allSatisfy { $0.delivery.eventId == b.event.id && $0.cursor > last }
                #expect(onlyB)
                #expect(missed.map(\.change) == [.created, .attempted])

                let error = await #expect(throws: RPCRemoteError.self) {
                    _ = try await client.call(.deliveriesWatch, DeliveryWatchParams(after: 5))
                }
                #expect(error?.data?.reason == "hookd.CursorExpired")
                #expect(error?.data?.status == "FAILED_PRECONDITION")
            }
        }
    }
}
