import Foundation
import HookdAPI
import HookdCore
import HookdDelivery
import HookdRPC
import HookdStore
import Logging
import ServiceLifecycle
import UnixSignals

/// The hookd daemon: opens the store, starts the delivery engine and serves the socket API
/// until SIGTERM or SIGINT, then shuts down gracefully.
public enum Daemon {
    /// Runs the daemon until it is told to stop; throws when it cannot start (store cannot
    /// be opened, socket in use, ...).
    public static func run(configuration: DaemonConfiguration, logger: Logger) async throws {
        let senderConfiguration = try SenderConfiguration(trustedCAFiles: configuration.trustedCAFiles)
        try PrivateDataDirectory.secure(configuration.dataDirectory, logger: logger)
        let secretKey = try configuration.secretKeyFile.map(SecretKeyFile.load)
        let store = try SQLiteStore.open(
            dataDirectory: configuration.dataDirectory, durability: configuration.durability, secretKey: secretKey)
        let lock = try DataDirectoryLock(directory: configuration.dataDirectory)
        try await DaemonServices.registerOperationalEventTypes(in: store)
        defer { withExtendedLifetime(lock) {} }
        let sender = WebhookSender(
            policy: configuration.targetPolicy, userAgent: HookdVersion.userAgent,
            configuration: senderConfiguration)
        do {
            let engine = DeliveryEngine(
                queue: store, sender: sender, webhooks: try await store.webhooks(account: nil),
                configuration: DeliveryEngine.Configuration(
                    maximumInFlight: configuration.maximumInFlight,
                    maximumInFlightRetries: configuration.maximumInFlightRetries,
                    maximumInFlightPerWebhook: configuration.maximumInFlightPerWebhook,
                    maximumHeld: configuration.maximumHeld, shutdownGrace: configuration.shutdownGrace,
                    autoDisable: configuration.autoDisable, nodeId: configuration.nodeId),
                logger: logger)
            let services = DaemonServices(
                store: store, engine: engine, configuration: configuration, startedAt: Date())
            let server = try await RPCServer.bind(
                socketPath: configuration.socketPath, router: HandlerRegistry.router(services),
                maximumFrameBytes: configuration.maximumFrameBytes, maximumClients: configuration.maximumClients,
                idleTimeout: configuration.idleTimeout, logger: logger)
            logger.info(
                "hookd \(HookdVersion.current) listening",
                metadata: [
                    "socket": "\(configuration.socketPath)", "data_dir": "\(configuration.dataDirectory)",
                    "store": "\(store.path)", "insecure_targets": "\(configuration.allowInsecureTargets)",
                    "allowed_targets": "\(configuration.allowedTargets.map(\.description).joined(separator: ","))",
                ])
            if configuration.allowInsecureTargets {
                logger.warning("--allow-insecure-targets is on: http:// and private or loopback targets are allowed")
            }
            let group = ServiceGroup(
                // Shut down in reverse: the socket stops taking calls before the engine
                // writes what is left and lets go.
                services: [
                    engine, RPCServerService(server: server),
                    RetentionService(
                        store: store, retention: configuration.retention,
                        interval: min(.hours(1), configuration.retention), logger: logger),
                    CheckpointService(store: store, logger: logger),
                ],
                gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
            try await group.run()
            logger.info("hookd stopped")
        } catch {
            await sender.shutdown()
            throw error
        }
        await sender.shutdown()
    }
}
