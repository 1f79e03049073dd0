import HookdAPI
import HookdRPC

/// `Webhooks.Recover`: queues a webhook's failed and skipped deliveries of a time window
/// again, oldest first.
enum RecoverHandler {
    static func register(in router: inout RPCRouter, _ services: DaemonServices) {
        router.register(.webhooksRecover) { (params: WebhookRecoverParams, _) in
            try await RedeliveryService(services: services).recover(params)
        }
    }
}
