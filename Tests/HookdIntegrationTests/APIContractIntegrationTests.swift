import Foundation
import HookdAPI
import HookdCore
import HookdRPC
import HookdTesting
import Testing

/// The API contract holds on a real daemon: `rpc.discover` serves the generated document,
/// and every method's real answers match the result schema it declares.
struct APIContractIntegrationTests {
    @Test("rpc.discover serves the OpenRPC document the descriptors generate")
    func discover() async throws {
        try await withDaemon { _, client in
            let served = try await client.call(name: OpenRPCDocument.discoverMethod, EmptyParams(), as: JSONValue.self)
            #expect(served == OpenRPCDocument.make())
            // Without params too, as OpenRPC clients call it.
            let bare = try #require(
                try await client.exchange(rawLine: #"{"jsonrpc":"2.0","method":"rpc.discover","id":7}"#))
            #expect(bare.contains(#""openrpc":"1.3.2""#))
        }
    }

    @Test("every method's real answer validates against its result schema in rpc.discover")
    func everyMethodMatchesItsSchema() async throws {
        try await withReceiver { receiver in
            try await withDaemon { _, client in
                let document = try await client.call(
                    name: OpenRPCDocument.discoverMethod, EmptyParams(), as: JSONValue.self)
                let api = try ContractCheck(client: client, document: document)
                try await Self.exercise(api, receiver: receiver)
                #expect(api.checked == Set(APIMethods.all.map(\.name)), "unchecked: \(Set(APIMethods.all.map(\.name)).subtracting(api.checked))")
            }
        }
    }

    /// Calls every method once or more, with values that make its answer as full as it gets.
    static func exercise(_ api: ContractCheck, receiver: LoopbackReceiver) async throws {
        try await api.call(.daemonStatus, EmptyParams())
        try await api.call(.daemonHealth, EmptyParams())

        let account = "acc_contract"
        try await api.call(.accountsCreate, AccountCreateParams(name: account, plan: PlanParams(maxWebhooks: 5, eventTypes: ["order.*", "hookd.*"])))
        try await api.call(.accountsList, EmptyParams())
        try await api.call(.accountsGet, NameParams(name: account))

        let schema: JSONValue = ["type": "object", "properties": ["amount": ["type": "number"]], "required": ["amount"]]
        try await api.call(
            .eventTypesCreate,
            EventTypeCreateParams(name: "order.placed", description: "An order", schema: schema, example: ["amount": 5]))
        try await api.call(.eventTypesCreate, EventTypeCreateParams(name: "order.dropped"))
        try await api.call(.eventTypesList, EmptyParams())
        try await api.call(.eventTypesGet, NameParams(name: "order.placed"))
        try await api.call(.eventTypesUpdate, EventTypeUpdateParams(name: "order.placed", description: "An order placed"))

        let webhook = "\(account)/sink"
        try await api.call(
            .webhooksCreate,
            WebhookCreateParams(
                account: account, name: "sink", url: receiver.url, events: ["order.*"], retry: ["1s"],
                rateLimit: RateLimit(perSecond: 100), headers: ["X-Team": "orders"],
                filter: ["path": "amount", "gte": 1], description: "contract", labels: ["team": "orders"]))
        try await api.call(.webhooksList, WebhookListParams(account: account))
        try await api.call(.webhooksGetSecret, WebhookRefParams(webhook: webhook))
        try await api.call(.webhooksTestFilter, WebhookTestFilterParams(webhook: webhook, data: ["amount": 0]))
        try await api.call(.webhooksDisable, WebhookDisableParams(webhook: webhook, reason: "maintenance"))
        try await api.call(.webhooksEnable, WebhookRefParams(webhook: webhook))
        try await api.call(.webhooksRotateSecret, WebhookRotateSecretParams(webhook: webhook, grace: "1h"))
        try await api.call(.webhooksUpdate, WebhookUpdateParams(webhook: webhook, timeout: "5s"))

        let one = try await api.call(
            .eventsPublish, EventPublishParams(EventInput(account: account, type: "order.placed", data: ["amount": 10])))
        try await api.call(
            .eventsPublish,
            EventPublishParams(batch: [
                EventInput(account: account, type: "order.placed", data: ["amount": 2], id: "ord-contract-1"),
                EventInput(account: account, type: "order.dropped", data: [:]),
            ]))
        let eventId = try #require(one.event?.event.id)
        let delivered = try await waitForDelivery(api.client, eventId: eventId, statuses: [.delivered])
        try await api.call(.eventsGet, IdParams(id: eventId))
        try await api.call(.eventsList, EventListParams(account: account))
        try await api.call(.webhooksGet, WebhookRefParams(webhook: webhook))
        try await api.call(.deliveriesList, DeliveryListParams(webhook: webhook))
        try await api.call(.deliveriesGet, IdParams(id: delivered[0].id))
        try await api.call(.deliveriesRedeliver, IdParams(id: delivered[0].id))
        try await api.call(.webhooksTest, WebhookTestParams(webhook: webhook, eventType: "order.placed"))
        try await api.call(.webhooksRecover, WebhookRecoverParams(webhook: webhook, since: "1h", dryRun: true))

        let exported = try await api.call(.manifestsExport, EmptyParams())
        #expect(exported.accounts.contains { $0.name == account })
        let desired = DesiredState(accounts: [AccountSpec(name: "acc_managed", maxWebhooks: 1)], eventTypes: [], webhooks: [])
        try await api.call(.manifestsPlan, ManifestPlanParams(desired: desired))
        try await api.call(.manifestsApply, ManifestApplyParams(desired: desired))

        let deliveriesWatch = try await api.call(.deliveriesWatch, DeliveryWatchParams(webhook: webhook, snapshot: 10))
        #expect(!deliveriesWatch.deliveries.isEmpty)
        let eventsWatch = try await api.call(.eventsWatch, EventWatchParams(account: account, snapshot: 10))
        #expect(!eventsWatch.events.isEmpty)
        try await api.call(.watchCancel, WatchCancelParams(watch: deliveriesWatch.watch))
        try await api.call(.watchCancel, WatchCancelParams(watch: eventsWatch.watch))

        try await api.call(.webhooksDelete, WebhookRefParams(webhook: webhook))
        try await api.call(.eventTypesDelete, NameParams(name: "order.dropped"))
        try await api.call(.accountsDelete, NameParams(name: "acc_managed"))
        let audit = try await api.call(.auditList, AuditListParams(since: "1h"))
        #expect(audit.contains { $0.method == "Manifests.Apply" && $0.detail != nil })
    }
}
