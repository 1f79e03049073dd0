import HookdAPI
import HookdRPC
import HookdStore

/// Builds the daemon's method table from the API's descriptors: every method of
/// `APIMethods.all` has its handler, registered through its typed descriptor.
enum HandlerRegistry {
    static func router(_ services: DaemonServices) -> RPCRouter {
        var router = RPCRouter()
        // A full or read-only disk is the operator's to fix: say so, and report it in Daemon.Health.
        let storageHealth = services.storageHealth
        router.translateErrors { error in
            guard let fault = StorageFault.error(for: error) else { return nil }
            storageHealth.record(fault)
            return fault
        }
        DaemonHandlers.register(in: &router, services)
        AccountHandlers.register(in: &router, services)
        EventTypeHandlers.register(in: &router, services)
        WebhookHandlers.register(in: &router, services)
        RecoverHandler.register(in: &router, services)
        EventHandlers.register(in: &router, services)
        DeliveryHandlers.register(in: &router, services)
        ManifestHandlers.register(in: &router, services)
        WatchHandlers.register(in: &router, services)
        AuditHandler.register(in: &router, services)
        // The OpenRPC document, built once from the same descriptors.
        let document = OpenRPCDocument.make()
        router.register(name: OpenRPCDocument.discoverMethod) { (_: EmptyParams, _) in document }
        let described = Set(APIMethods.all.map(\.name) + [OpenRPCDocument.discoverMethod])
        let registered = Set(router.methodNames)
        precondition(
            described == registered,
            "handlers and API descriptors differ: \(described.symmetricDifference(registered).sorted())")
        return router
    }
}
