import Foundation
import HookdAPI
import HookdCore
import HookdDelivery
import HookdRPC
import HookdStore

/// `Webhooks.*`: the endpoints that receive events.
enum WebhookHandlers {
    static func register(in router: inout RPCRouter, _ services: DaemonServices) {
        let store = services.store
        router.register(.webhooksList) { (params: WebhookListParams, _) in
            if let account = params.account { _ = try await services.account(account) }
            return try await store.webhooks(account: params.account).map { WebhookView($0) }
        }
        router.register(.webhooksGet) { (params: WebhookRefParams, _) in
            try await services.view(try await services.webhook(params.webhook))
        }
        let webhooks = WebhookService(services: services)
        router.register(.webhooksCreate) { (params: WebhookCreateParams, _) in
            WebhookView(try await webhooks.create(params))
        }
        router.register(.webhooksUpdate) { (params: WebhookUpdateParams, _) in
            try await services.view(try await webhooks.update(params))
        }
        router.register(.webhooksDelete) { (params: WebhookRefParams, _) in
            DeletedResult(name: try await webhooks.delete(params.webhook).qualifiedName)
        }
        router.register(.webhooksEnable) { (params: WebhookRefParams, _) in
            try await services.view(try await webhooks.setEnabled(true, reason: nil, params.webhook))
        }
        router.register(.webhooksDisable) { (params: WebhookDisableParams, _) in
            try await services.view(
                try await webhooks.setEnabled(false, reason: params.reason ?? "disabled by operator", params.webhook))
        }
        router.register(.webhooksGetSecret) { (params: WebhookRefParams, _) in
            let webhook = try await services.webhook(params.webhook)
            return WebhookSecretResult(webhook: webhook.qualifiedName, secret: webhook.secret.text)
        }
        router.register(.webhooksRotateSecret) { (params: WebhookRotateSecretParams, _) in
            try await services.view(try await webhooks.rotateSecret(params))
        }
        router.register(.webhooksTest) { (params: WebhookTestParams, _) in
            try await sendTest(params, services)
        }
        router.register(.webhooksTestFilter) { (params: WebhookTestFilterParams, _) in
            let webhook = try await services.webhook(params.webhook)
            guard let filter = webhook.filter else {
                return WebhookTestFilterResult(
                    webhook: webhook.qualifiedName, matches: true, reason: "has no filter; every event is sent")
            }
            let verdict = filter.verdict(for: params.data)
            return WebhookTestFilterResult(webhook: webhook.qualifiedName, matches: verdict.matches, reason: verdict.reason)
        }
    }

    /// A test event is sent as the type's real events would be: its data (the example, or
    /// `{}` without one) must match the type's schema, or receivers would get a payload
    /// hookd promises never to send.
    private static func requireValidExample(
        _ data: JSONValue, of eventType: EventType, _ services: DaemonServices
    ) throws(HookdError) {
        let violations = try services.schemas.dataViolations(data, of: eventType, field: "example")
        guard !violations.isEmpty else { return }
        let details = violations.map { "\($0.field): \($0.description)" }.joined(separator: "; ")
        throw HookdError(
            .failedPrecondition, reason: "hookd.EventTypeExampleInvalid",
            "the example of event type \(eventType.name) does not match its schema (\(details)); "
                + "set one that does with hookctl event-types update \(eventType.name) --example FILE",
            violations: violations)
    }

    /// Sends one sample event to one webhook, whatever it subscribes to.
    private static func sendTest(_ params: WebhookTestParams, _ services: DaemonServices) async throws
        -> WebhookTestResult
    {
        let webhook = try await services.webhook(params.webhook)
        guard webhook.enabled else {
            throw HookdError(
                .failedPrecondition, reason: "hookd.WebhookDisabled",
                "webhook \(webhook.qualifiedName) is disabled; enable it first (hookctl webhooks enable \(webhook.qualifiedName))")
        }
        let now = Date()
        let type: String
        let data: JSONValue
        if let name = params.eventType {
            guard let eventType = try await services.store.eventType(named: name) else {
                throw HookdError.notFound(.eventType, name)
            }
            type = eventType.name
            data = eventType.example ?? [:]
            try requireValidExample(data, of: eventType, services)
        } else {
            type = "hookd.ping"
            data = ["message": "test event from hookd", "webhook": .string(webhook.qualifiedName)]
        }
        let event = Event(id: Identifier.make(.event), account: webhook.account, type: type, timestamp: now, data: data)
        let delivery = try await WebhookService(services: services).sendTest(event, to: webhook)
        return WebhookTestResult(event: event, delivery: delivery)
    }
}
