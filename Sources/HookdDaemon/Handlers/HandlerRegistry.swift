import HookdRPC
import HookdStore

/// Builds the daemon's method table.
enum HandlerRegistry {
    static func router(_ services: DaemonServices) -> RPCRouter {
        var router = RPCRouter()
        DaemonHandlers.register(in: &router, services)
        AccountHandlers.register(in: &router, services)
        EventTypeHandlers.register(in: &router, services)
        WebhookHandlers.register(in: &router, services)
        RecoverHandler.register(in: &router, services)
        EventHandlers.register(in: &router, services)
        DeliveryHandlers.register(in: &router, services)
        ManifestHandlers.register(in: &router, services)
        return router
    }
}
