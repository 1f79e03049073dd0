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
        var configuration = configuration
        let inherited = try SocketActivation.take()
        if let inherited { configuration.socketPath = inherited.path }
        let senderConfiguration = try SenderConfiguration(trustedCAFiles: configuration.trustedCAFiles)
        let privateDirectory = URL(fileURLWithPath: configuration.dataDirectory).standardizedFileURL.path + "/"
        if configuration.roleGroups.letsOthersIn,
            URL(fileURLWithPath: configuration.socketPath).standardizedFileURL.path.hasPrefix(privateDirectory)
        {
            throw DaemonStartError(
                "role groups let other users in, but the socket \(configuration.socketPath) is inside the data directory, which only hookd's user may enter; put it elsewhere, e.g. --socket /run/hookd/hookd.sock")
        }
        try PrivateDataDirectory.secure(configuration.dataDirectory, logger: logger)
        let secretKey = try configuration.secretKeyFile.map(SecretKeyFile.load)
        let lock = try DataDirectoryLock(directory: configuration.dataDirectory)
        defer { withExtendedLifetime(lock) {} }
        let opened = try await DaemonStore.open(configuration, secretKey: secretKey, logger: logger)
        do {
            try await run(configuration: configuration, inherited: inherited, store: opened, sender: senderConfiguration, logger: logger)
        } catch {
            await opened.close()
            throw error
        }
        await opened.close()
    }

    /// Runs the daemon on its opened store until it is told to stop.
    private static func run(
        configuration: DaemonConfiguration, inherited: InheritedSocket?, store opened: DaemonStore,
        sender senderConfiguration: SenderConfiguration, logger: Logger
    ) async throws {
        let store = opened.store
        try await DaemonServices.registerOperationalEventTypes(in: store)
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
                    autoDisable: configuration.autoDisable, nodeId: configuration.nodeId,
                    heartbeatInterval: configuration.heartbeatInterval,
                    metrics: configuration.metrics.map { $0.perWebhook ? .perWebhook : .totals } ?? .none),
                logger: logger)
            let services = DaemonServices(
                store: store, engine: engine, configuration: configuration, startedAt: Date())
            let access = AccessControl(groups: configuration.roleGroups)
            var router = HandlerRegistry.router(services)
            router.authorizeCalls(access.authorize)
            let audit = AuditTrail(store: store, access: access, logger: logger)
            router.observeCalls(of: AuditTrail.recordedMethods()) { call in await audit.record(call) }
            let server =
                if let inherited {
                    try await RPCServer.adopt(
                        descriptor: inherited.descriptor, socketPath: inherited.path,
                        router: router, maximumFrameBytes: configuration.maximumFrameBytes,
                        maximumClients: configuration.maximumClients, idleTimeout: configuration.idleTimeout,
                        admitPeer: access.admit, logger: logger)
                } else {
                    try await RPCServer.bind(
                        socketPath: configuration.socketPath, router: router,
                        maximumFrameBytes: configuration.maximumFrameBytes,
                        maximumClients: configuration.maximumClients, idleTimeout: configuration.idleTimeout,
                        // Others reach the socket only when a group of theirs has a role; whoever
                        // has none is refused as it connects.
                        socketMode: configuration.roleGroups.letsOthersIn ? 0o666 : 0o600, admitPeer: access.admit,
                        logger: logger)
                }
            var running: [any Service] = [engine, RPCServerService(server: server)]
            if let metrics = configuration.metrics {
                let endpoint = try await MetricsEndpoint.bind(
                    metrics.address,
                    exposition: MetricsExposition(registry: metrics.registry, store: opened, engine: engine),
                    logger: logger)
                logger.info(
                    "serving Prometheus metrics",
                    metadata: [
                        "address": "http://\(endpoint.address)/metrics", "per_webhook": "\(metrics.perWebhook)",
                    ])
                running.append(endpoint)
            }
            logger.info(
                "hookd \(HookdVersion.current) listening",
                metadata: [
                    "socket": "\(configuration.socketPath)", "data_dir": "\(configuration.dataDirectory)",
                    "store": "\(opened.place)", "insecure_targets": "\(configuration.allowInsecureTargets)",
                    "socket_from": "\(inherited == nil ? "hookd" : "systemd")",
                    "allowed_targets": "\(configuration.allowedTargets.map(\.description).joined(separator: ","))",
                ])
            if configuration.allowInsecureTargets {
                logger.warning("--allow-insecure-targets is on: http:// and private or loopback targets are allowed")
            }
            running.append(
                RetentionService(
                    store: store, retention: configuration.retention,
                    interval: min(.hours(1), configuration.retention), logger: logger))
            running.append(contentsOf: opened.services(
                    engine: engine, sweepInterval: configuration.heartbeatInterval, logger: logger))
            // Last, so systemd hears STOPPING=1 before anything else winds down.
            running.append(ReadinessService(status: "serving \(configuration.socketPath)", logger: logger))
            let group = ServiceGroup(
                // Shut down in reverse: the socket (and the metrics endpoint) stop taking
                // calls before the engine writes what is left and lets go.
                services: running, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
            try await group.run()
            logger.info("hookd stopped")
        } catch {
            await sender.shutdown()
            throw error
        }
        await sender.shutdown()
    }
}
