import HookdAPI
import HookdCore
import HookdRPC

/// What every benchmark creates in a fresh daemon: one account and the `customer.created`
/// event type, then its webhooks.
enum BenchCatalog {
    /// Creates the account and the event type.
    static func prepare(_ client: RPCClient) async throws {
        _ = try await client.call(.accountsCreate, AccountCreateParams(name: CustomerCreated.account), as: Account.self)
        _ = try await client.call(
            .eventTypesCreate, EventTypeCreateParams(name: CustomerCreated.type), as: EventType.self)
    }

    /// Creates a webhook subscribed to `customer.created`.
    ///
    /// - Parameters:
    ///   - retry: the webhook's retry schedule (hookd's default when `nil`).
    ///   - timeout: its per-attempt timeout (hookd's default when `nil`).
    static func addWebhook(
        _ client: RPCClient, name: String, url: String, retry: [String]? = nil, timeout: String? = nil
    ) async throws {
        _ = try await client.call(
            .webhooksCreate,
            WebhookCreateParams(
                account: CustomerCreated.account, name: name, url: url, events: [CustomerCreated.type],
                retry: retry, timeout: timeout),
            as: WebhookView.self)
    }
}
