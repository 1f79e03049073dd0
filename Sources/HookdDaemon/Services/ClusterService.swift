import Foundation
import HookdDelivery
import HookdStore
import Logging
import ServiceLifecycle

/// Keeps this daemon in step with the others on a shared PostgreSQL database: work another
/// daemon leaves for a claim wakes the engine within milliseconds, and a webhook changed
/// anywhere reaches the engine's settings cache (`PostgresNotice`). Every `sweepInterval` it
/// also claims and reloads unasked, which covers notices lost while the database was out of
/// reach and takes over the work of daemons that died (their holds lapse, see
/// `PostgresStore+Nodes`).
///
/// It also keeps the daemon's shared database lock (`PostgresDaemonLock.keep`), taking it
/// again after the database restarts; when a maintenance command took the database meanwhile,
/// it fails, which stops the daemon: nothing more is sent or written.
struct ClusterService: Service {
    let store: PostgresStore
    /// The daemon's shared lock on the database.
    let lock: PostgresDaemonLock
    let engine: DeliveryEngine
    /// How often to claim and reload without being told: the heartbeat interval.
    let sweepInterval: Duration
    let logger: Logger

    func run() async throws {
        // At most one reload waits while one runs: a burst of changes costs two reads.
        let (reloads, reload) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        // Shutdown cancels all three; the engine stops next and lets go of what it holds.
        try await cancelWhenGracefulShutdown {
            try await withThrowingDiscardingTaskGroup { group in
                group.addTask {
                    do {
                        try await lock.keep()
                    } catch {
                        logger.error(
                            "a maintenance command (hookd copy-store or hookd secrets) took the database while this daemon's lock on it was lost: hookd stops sending and exits; start it again once the command has finished",
                            metadata: ["error": "\(error)"])
                        throw error
                    }
                }
                group.addTask {
                    await store.listen { notice in
                        switch notice {
                        case .work: await engine.storeHasWork()
                        case .webhooks: reload.yield()
                        }
                    }
                }
                group.addTask {
                    for await _ in reloads { await reloadWebhooks() }
                }
                group.addTask {
                    while (try? await Task.sleep(for: sweepInterval)) != nil {
                        await engine.storeHasWork()
                        reload.yield()
                    }
                    reload.finish()
                }
            }
        }
    }

    /// Hands the engine every webhook's settings as the database has them now.
    private func reloadWebhooks() async {
        do {
            await engine.webhooksReloaded(try await store.webhooks(account: nil))
        } catch {
            logger.warning("could not reload webhooks changed by another daemon", metadata: ["error": "\(error)"])
        }
    }
}
