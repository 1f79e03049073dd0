import Foundation
import HookdAPI
import HookdCore
import HookdRPC
import HookdTesting
import Testing

/// What a daemon shows of a store's history, taken before `hookd copy-store` and compared
/// with what the daemon on the copy shows.
struct CopiedHistory {
    var webhooks: [WebhookView]
    var secrets: [String: String]
    var events: [Event]
    var deliveries: [DeliveryDetail]
    var audit: [AuditEntry]
    /// The delivery whose attempt was abandoned at shutdown: still to be sent.
    var abandoned: Delivery

    /// `events: N, deliveries: N, attempts: N`, as copy-store reports them.
    var copiedCounts: String {
        "events: \(events.count), deliveries: \(deliveries.count), attempts: \(deliveries.map(\.attempts.count).reduce(0, +)),"
    }

    /// Makes a history on a daemon: deliveries delivered (`crm`), failed for good (`legacy`,
    /// no retries), scheduled an hour ahead (`later`), skipped (`old`, disabled), and one
    /// under way on an endpoint that hangs (`billing`); returns it once every delivery is in
    /// that state.
    static func build(_ client: RPCClient, receiver: LoopbackReceiver) async throws -> CopiedHistory {
        try await Loyalty.seed(client)
        let base = receiver.url
        _ = try await Loyalty.webhook(client, name: "crm", url: base + "/crm", events: ["*"])
        _ = try await Loyalty.webhook(client, name: "legacy", url: base + "/legacy", events: ["customer.*"], retry: [])
        _ = try await Loyalty.webhook(client, name: "later", url: base + "/later", events: ["reward.issued"], retry: ["1h"])
        _ = try await client.call(
            .webhooksCreate,
            WebhookCreateParams(
                account: Loyalty.account, name: "billing", url: base + "/billing", events: ["transaction.completed"],
                timeout: "5m"),
            as: WebhookView.self)
        _ = try await Loyalty.webhook(client, name: "old", url: base + "/old", events: ["*"])
        _ = try await client.call(.webhooksDisable, WebhookDisableParams(webhook: "old", reason: "moved"), as: WebhookView.self)
        for type in Loyalty.eventTypes {
            _ = try await Loyalty.publish(client, type: type)
        }
        try await receiver.waitForRequests(until: "an attempt on billing") { requests in
            requests.contains { $0.uri.hasSuffix("/billing") }
        }
        let deadline = ContinuousClock.now + .seconds(20)
        var deliveries = try await client.call(.deliveriesList, DeliveryListParams(limit: 1000), as: [Delivery].self)
        while !deliveries.allSatisfy(Self.settled) {
            guard ContinuousClock.now < deadline else {
                throw WaitTimeout(description: "deliveries did not settle: \(deliveries.map { ($0.webhookName, $0.status) })")
            }
            try await Task.sleep(for: .milliseconds(50))
            deliveries = try await client.call(.deliveriesList, DeliveryListParams(limit: 1000), as: [Delivery].self)
        }
        return try await read(client, abandoned: try #require(deliveries.first { $0.webhookName == "billing" }))
    }

    /// Whether a delivery is in the state `build` leaves it in.
    private static func settled(_ delivery: Delivery) -> Bool {
        switch delivery.webhookName {
        case "billing": delivery.status == .pending
        case "later": delivery.status == .scheduled && delivery.attempts == 1
        default: [.delivered, .failed, .skipped].contains(delivery.status)
        }
    }

    /// What `client`'s daemon shows now.
    static func read(_ client: RPCClient, abandoned: Delivery) async throws -> CopiedHistory {
        let webhooks = try await client.call(.webhooksList, WebhookListParams(), as: [WebhookView].self)
        var secrets: [String: String] = [:]
        for webhook in webhooks {
            secrets[webhook.name] =
                try await client.call(
                    .webhooksGetSecret, WebhookRefParams(webhook: webhook.name), as: WebhookSecretResult.self
                ).secret
        }
        var details: [DeliveryDetail] = []
        for delivery in try await client.call(.deliveriesList, DeliveryListParams(limit: 1000), as: [Delivery].self) {
            details.append(try await client.call(.deliveriesGet, IdParams(id: delivery.id), as: DeliveryDetail.self))
        }
        return CopiedHistory(
            webhooks: webhooks, secrets: secrets,
            events: try await client.call(.eventsList, EventListParams(limit: 1000), as: [Event].self),
            deliveries: details,
            audit: try await client.call(.auditList, AuditListParams(limit: 1000), as: [AuditEntry].self),
            abandoned: abandoned)
    }

    /// Expects the daemon `client` talks to to send the abandoned delivery (signed with the
    /// webhook's unchanged secret) and then to show this same history, but for that delivery
    /// now delivered and the audit entries of the calls made since.
    func expectSame(on client: RPCClient, receiver: LoopbackReceiver) async throws {
        let sent = try await waitForDelivery(client, eventId: abandoned.eventId, statuses: [.delivered, .skipped])
        #expect(sent.first { $0.id == abandoned.id }?.status == .delivered)
        let requests = try await receiver.waitForRequests(until: "billing sent again") { requests in
            requests.filter { $0.uri.hasSuffix("/billing") }.count >= 2
        }
        let resent = try #require(requests.last { $0.uri.hasSuffix("/billing") })
        #expect(resent.headers["webhook-id"] == abandoned.eventId)
        try WebhookSigner.verify(
            id: try #require(resent.headers["webhook-id"]), timestamp: try #require(resent.headers["webhook-timestamp"]),
            signatureHeader: try #require(resent.headers["webhook-signature"]), body: resent.body,
            secret: try WebhookSecret(try #require(secrets["billing"])))

        let after = try await Self.read(client, abandoned: abandoned)
        #expect(after.secrets == secrets)
        #expect(after.events == events)
        #expect(after.webhooks.filter { $0.name != "billing" } == webhooks.filter { $0.name != "billing" })
        #expect(after.webhooks.map(\.id) == webhooks.map(\.id))
        #expect(after.deliveries.map(\.delivery.id) == deliveries.map(\.delivery.id))
        #expect(
            after.deliveries.filter { $0.delivery.id != abandoned.id }
                == deliveries.filter { $0.delivery.id != abandoned.id })
        #expect(after.deliveries.contains { $0.delivery.status == .failed && $0.attempts.first?.statusCode == 500 })
        #expect(after.deliveries.contains { $0.delivery.status == .scheduled && $0.delivery.nextAttemptAt != nil })
        #expect(after.deliveries.filter { $0.delivery.status == .skipped }.count == Loyalty.eventTypes.count)
        #expect(audit.allSatisfy(after.audit.contains), "\(audit.count) entries before, \(after.audit.count) after")
        #expect(!audit.isEmpty)
    }
}
